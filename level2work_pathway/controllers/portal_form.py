"""Reading what people type into the portal forms, the same way in the
portals of every level2work addon."""

# Control characters no form field needs (PostgreSQL refuses NUL outright, a
# forged form can send any of them); tab, line feed and carriage return stay.
CONTROL_CHARACTERS = {
    **dict.fromkeys(code for code in range(32) if code not in (9, 10, 13)),
    127: None,
}


def clean_text(value):
    """The text of a form field as it is saved: without control characters,
    stripped; empty when the field was not sent or is not text."""
    if not isinstance(value, str):
        return ""
    return value.translate(CONTROL_CHARACTERS).strip()


def parse_int(value):
    """The whole number typed in a form field, or None when it is not one
    (nothing, words, a fraction, a superscript digit)."""
    try:
        return int(clean_text(value))
    except ValueError:
        return None
