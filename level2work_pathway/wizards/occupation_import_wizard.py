import base64
import csv
import io
import json
import logging
import re
import time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

_logger = logging.getLogger(__name__)

# Columns the importer needs in each kind of ESCO file (v1.1 and v1.2 CSV
# downloads). Other columns (altLabels, status, inScheme...) are ignored.
REQUIRED_COLUMNS = {
    "isco_group": ("conceptUri", "code", "preferredLabel"),
    "occupation": ("conceptUri", "iscoGroup", "preferredLabel"),
}
OPTIONAL_COLUMNS = ("conceptType", "description", "code")
CONCEPT_TYPES = {"isco_group": "ISCOGroup", "occupation": "Occupation"}
DELIMITERS = (",", ";", "\t", "|")
# Signatures of files that are certainly not CSV text.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive or a spreadsheet (XLSX, ODS)",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 workbook",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a GZIP archive",
}
FILE_NAME_PATTERN = re.compile(
    r"(?P<kind>iscogroups|occupations)_(?P<lang>[a-z]{2})\b", re.IGNORECASE
)
CREATE_BATCH_SIZE = 1000
MAX_REASONS_SHOWN = 5


class Level2workOccupationImportWizard(models.TransientModel):
    """Load the official ESCO CSV downloads (https://esco.ec.europa.eu, one
    language per file) into ``level2work.occupation``: the ISCO-08 groups
    (``ISCOGroups_<lang>.csv``) and the ESCO occupations under their unit
    group (``occupations_<lang>.csv``).

    English files create and update records; Dutch and French files only
    translate the names and descriptions of the records already loaded. An
    import is all or nothing: any error rolls the whole file back."""

    _name = "level2work.occupation.import.wizard"
    _description = "Import ESCO occupations"

    data_file = fields.Binary(string="ESCO file", required=True, attachment=False)
    file_name = fields.Char()
    kind = fields.Selection(
        [
            ("isco_group", "ISCO groups (ISCOGroups_<lang>.csv)"),
            ("occupation", "Occupations (occupations_<lang>.csv)"),
        ],
        string="Content",
        required=True,
        default="isco_group",
        help="Import the ISCO groups first: each occupation goes under its unit group.",
    )
    language = fields.Selection(
        [("en", "English"), ("nl", "Dutch"), ("fr", "French")],
        required=True,
        default="en",
        help="English creates and updates the occupations; Dutch and French "
        "translate the ones already loaded.",
    )

    @api.onchange("file_name")
    def _onchange_file_name(self):
        match = FILE_NAME_PATTERN.search(self.file_name or "")
        if not match:
            return
        self.kind = (
            "isco_group" if match["kind"].lower() == "iscogroups" else "occupation"
        )
        if match["lang"].lower() in dict(self._fields["language"].selection):
            self.language = match["lang"].lower()

    def action_import(self):
        self.ensure_one()
        started = time.monotonic()
        result = self._run_import()
        _logger.info(
            "ESCO import of %s (%s, %s) in %.1f s: %s",
            self.file_name,
            self.kind,
            self.language,
            time.monotonic() - started,
            {key: value for key, value in result.items() if key != "reasons"},
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("ESCO import finished"),
                "message": self._summary(result),
                "type": "warning" if result["skipped"] else "success",
                "sticky": bool(result["skipped"]),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _run_import(self):
        """Import the file; return the counts ``created``, ``updated``,
        ``unchanged``, ``skipped`` and the ``reasons`` rows were skipped."""
        self.ensure_one()
        self._check_file_name()
        rows = self._read_rows()
        result = {
            "created": 0,
            "updated": 0,
            "unchanged": 0,
            "skipped": 0,
            "reasons": [],
        }
        if self.language == "en":
            method = getattr(self, f"_import_{self.kind}")
            method(rows, result)
        else:
            self._import_translations(rows, result)
        return result

    # ------------------------------------------------------------------ reading

    def _check_file_name(self):
        """Refuse a file whose official name says another content or language
        than the one chosen: importing Dutch labels as English would overwrite
        every English name."""
        match = FILE_NAME_PATTERN.search(self.file_name or "")
        if not match:
            return
        kind = "isco_group" if match["kind"].lower() == "iscogroups" else "occupation"
        language = match["lang"].lower()
        if kind != self.kind or language != self.language:
            kinds = dict(self._fields["kind"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The file “%(file)s” holds %(kind)s in the language “%(lang)s”, "
                    "but you chose %(chosen_kind)s in “%(chosen_lang)s”. "
                    "Choose the content and language of the file.",
                    file=self.file_name,
                    kind=kinds[kind],
                    lang=language,
                    chosen_kind=kinds[self.kind],
                    chosen_lang=self.language,
                )
            )

    def _read_rows(self):
        """``[(line number, {column: value})]`` of the uploaded file, with the
        required columns checked; raise a UserError naming what is wrong."""
        raw = base64.b64decode(self.data_file or b"")
        name = self.file_name or self.env._("uploaded")
        if not raw.strip():
            raise UserError(self.env._("The file “%(file)s” is empty.", file=name))
        text = self._decode(raw, name)
        if not text.strip():
            raise UserError(self.env._("The file “%(file)s” is empty.", file=name))
        header_line = text.split("\n", 1)[0]
        delimiter = self._detect_delimiter(header_line)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
            columns = self._map_columns(header, name)
            rows = []
            for values in reader:
                if not any(value.strip() for value in values):
                    continue
                rows.append(
                    (
                        reader.line_num,
                        {
                            column: values[index].strip() if index < len(values) else ""
                            for column, index in columns.items()
                        },
                    )
                )
        except csv.Error as error:
            raise UserError(
                self.env._(
                    "The file “%(file)s” is not a valid CSV file "
                    "(line %(line)s: %(error)s).",
                    file=name,
                    line=reader.line_num,
                    error=error,
                )
            ) from error
        if not rows:
            raise UserError(
                self.env._(
                    "The file “%(file)s” has column names but no rows to import.",
                    file=name,
                )
            )
        self._check_concept_type(rows, name)
        return rows

    def _decode(self, raw, name):
        for signature, description in BINARY_SIGNATURES.items():
            if raw.startswith(signature):
                raise UserError(
                    self.env._(
                        "The file “%(file)s” is not a CSV file but %(what)s. "
                        "Upload the CSV file of the ESCO download.",
                        file=name,
                        what=description,
                    )
                )
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        if b"\x00" in raw[:4096]:
            raise UserError(
                self.env._(
                    "The file “%(file)s” is not a CSV text file. "
                    "Upload the CSV file of the ESCO download.",
                    file=name,
                )
            )
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Saved again by a spreadsheet on Windows.
            return raw.decode("cp1252", errors="replace")

    def _detect_delimiter(self, header_line):
        """The delimiter that splits the header into the most known column
        names; the most frequent candidate when none does."""
        known = {
            column.lower()
            for columns in REQUIRED_COLUMNS.values()
            for column in columns + OPTIONAL_COLUMNS
        }

        def score(delimiter):
            cells = next(csv.reader([header_line], delimiter=delimiter), [])
            found = sum(1 for cell in cells if cell.strip().lower() in known)
            return found, header_line.count(delimiter)

        return max(DELIMITERS, key=score)

    def _map_columns(self, header, name):
        """``{column: index}`` of the known columns in ``header`` (case and
        surrounding spaces ignored); raise when a required one is missing."""
        positions = {cell.strip().lower(): index for index, cell in enumerate(header)}
        required = REQUIRED_COLUMNS[self.kind]
        missing = [column for column in required if column.lower() not in positions]
        if missing:
            kinds = dict(self._fields["kind"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The file “%(file)s” misses the column(s) %(missing)s that an ESCO "
                    "file of %(kind)s has (it needs %(required)s; its first line names "
                    "the columns). Check that you chose the right content and file.",
                    file=name,
                    missing=", ".join(missing),
                    kind=kinds[self.kind],
                    required=", ".join(required),
                )
            )
        return {
            column: positions[column.lower()]
            for column in required + OPTIONAL_COLUMNS
            if column.lower() in positions
        }

    def _check_concept_type(self, rows, name):
        """Refuse an occupations file imported as ISCO groups and vice versa
        (both have a ``code`` column)."""
        types = {row.get("conceptType") for _line, row in rows} - {None, ""}
        expected = CONCEPT_TYPES[self.kind]
        if types and expected not in types:
            raise UserError(
                self.env._(
                    "The file “%(file)s” holds concepts of type %(types)s, not "
                    "%(expected)s. Choose the other content or the other file.",
                    file=name,
                    types=", ".join(sorted(types)),
                    expected=expected,
                )
            )

    # ---------------------------------------------------------------- English

    def _occupation_model(self):
        return self.env["level2work.occupation"].with_context(
            lang="en_US", active_test=False
        )

    def _existing_by(self, field_name, domain=None):
        records = self._occupation_model().search_fetch(
            domain or [], ["code", "name", "description", "esco_uri", "parent_id"]
        )
        return {record[field_name]: record for record in records if record[field_name]}

    def _import_isco_group(self, rows, result):
        """Create or update the ISCO groups by code, broader groups first so
        that each group finds its parent (the code without its last digit)."""
        by_code = self._existing_by("code")
        entries = {}
        for line, row in rows:
            code, label = row["code"], row["preferredLabel"]
            if not code.isdigit() or not 1 <= len(code) <= 4 or not label:
                self._skip(result, line, self.env._("no valid ISCO code or label"))
            elif code in entries:
                self._skip(
                    result, line, self.env._("code %(code)s repeated", code=code)
                )
            else:
                entries[code] = (line, row)
        for length in range(1, 5):
            to_create = []
            for code, (line, row) in sorted(entries.items()):
                if len(code) != length:
                    continue
                parent = by_code.get(code[:-1]) if length > 1 else None
                if length > 1 and not parent:
                    self._skip(
                        result,
                        line,
                        self.env._(
                            "its broader group %(parent)s is neither in the file "
                            "nor loaded",
                            parent=code[:-1],
                        ),
                    )
                    continue
                values = {
                    "name": row["preferredLabel"],
                    "description": row.get("description") or False,
                    "esco_uri": row["conceptUri"] or False,
                    "parent_id": parent.id if parent else False,
                }
                if code in by_code:
                    self._update_occupation(by_code[code], values, result)
                else:
                    to_create.append(dict(values, code=code))
            for record in self._create_occupations(to_create, result):
                by_code[record.code] = record

    def _import_occupation(self, rows, result):
        """Create or update the ESCO occupations by URI (or code) under their
        ISCO unit group."""
        by_code = self._existing_by("code")
        by_uri = self._existing_by("esco_uri")
        seen_uris, seen_codes, to_create = set(), set(), []
        for line, row in rows:
            uri, group_code = row["conceptUri"], row["iscoGroup"]
            group = by_code.get(group_code) if len(group_code) == 4 else None
            code = row.get("code") or self._build_code(group_code, uri)
            record = by_uri.get(uri) or (
                by_code.get(code) if not code.isdigit() else None
            )
            holder = by_code.get(code)
            if not uri or not row["preferredLabel"]:
                reason = self.env._("no URI or label")
            elif uri in seen_uris or code in seen_codes:
                reason = self.env._("occupation %(code)s repeated", code=code)
            elif not group:
                reason = self.env._(
                    "its ISCO unit group “%(group)s” is not loaded: import the "
                    "ISCO groups first",
                    group=group_code,
                )
            elif holder and holder != record:
                reason = self.env._(
                    "code %(code)s already belongs to “%(name)s”",
                    code=code,
                    name=holder.name,
                )
            else:
                reason = None
            if reason:
                self._skip(result, line, reason)
                continue
            seen_uris.add(uri)
            seen_codes.add(code)
            values = {
                "code": code,
                "name": row["preferredLabel"],
                "description": row.get("description") or False,
                "esco_uri": uri,
                "parent_id": group.id,
            }
            if record:
                self._update_occupation(record, values, result)
            else:
                to_create.append(values)
        self._create_occupations(to_create, result)
        if result["skipped"] and not (
            result["created"] or result["updated"] or result["unchanged"]
        ):
            raise UserError(
                self.env._(
                    "No occupation could be imported: %(reasons)s",
                    reasons="; ".join(result["reasons"][:MAX_REASONS_SHOWN]),
                )
            )

    @api.model
    def _build_code(self, group_code, uri):
        """A code for an occupation of an ESCO version without codes: its unit
        group and the start of its URI's identifier."""
        suffix = (uri or "").rstrip("/").rsplit("/", 1)[-1].replace("-", "")[:8]
        return f"{group_code}.{suffix}" if suffix else group_code

    def _update_occupation(self, record, values, result):
        current = {
            name: record[name].id if name == "parent_id" else record[name] or False
            for name in values
        }
        changed = {
            name: value for name, value in values.items() if current[name] != value
        }
        if changed:
            record.write(changed)
            result["updated"] += 1
        else:
            result["unchanged"] += 1

    def _create_occupations(self, vals_list, result):
        Occupation = self._occupation_model()
        records = Occupation.browse()
        for start in range(0, len(vals_list), CREATE_BATCH_SIZE):
            records |= Occupation.create(vals_list[start : start + CREATE_BATCH_SIZE])
        result["created"] += len(records)
        return records

    # ------------------------------------------------------------ translations

    def _translation_langs(self):
        """The active languages of the file's language (nl_BE, nl_NL...)."""
        langs = [
            code
            for code, _name in self.env["res.lang"].get_installed()
            if code.split("_")[0] == self.language
        ]
        if not langs:
            languages = dict(self._fields["language"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(language)s is not active in this database: activate it in "
                    "Settings > Languages before importing its translations.",
                    language=languages[self.language],
                )
            )
        return langs

    def _import_translations(self, rows, result):
        """Write the translated names and descriptions of the records already
        loaded, matched by ESCO URI or by code, in every active language of
        the file's language."""
        langs = self._translation_langs()
        by_uri = self._existing_by("esco_uri")
        by_code = self._existing_by("code")
        matched = {}
        for line, row in rows:
            uri, label, code = row["conceptUri"], row["preferredLabel"], row.get("code")
            record = by_uri.get(uri) or (by_code.get(code) if code else None)
            if not label:
                self._skip(result, line, self.env._("no label"))
            elif not record:
                self._skip(
                    result,
                    line,
                    self.env._(
                        "“%(label)s” is not loaded: import the English file first",
                        label=label,
                    ),
                )
            elif record in matched:
                reason = self.env._("“%(label)s” repeated", label=label)
                self._skip(result, line, reason)
            else:
                matched[record] = row
        if not matched:
            raise UserError(
                self.env._(
                    "None of the rows matches an occupation already loaded: import "
                    "the English file of the same content first."
                )
            )
        rows_by_id = {record.id: row for record, row in matched.items()}
        records = self._occupation_model().browse(list(rows_by_id))
        records.check_access("write")
        stored = self._stored_translations(records)
        updates = []
        for record_id, row in rows_by_id.items():
            names, descriptions = stored[record_id]
            label, description = row["preferredLabel"], row.get("description")
            new_names = {lang: label for lang in langs if names.get(lang) != label}
            new_descriptions = {
                lang: description
                for lang in langs
                if description and descriptions.get(lang) != description
            }
            if new_names or new_descriptions:
                updates.append((record_id, new_names, new_descriptions))
        self._write_translations(records, updates)
        result["updated"] += len(updates)
        result["unchanged"] += len(matched) - len(updates)

    def _stored_translations(self, records):
        """``{id: (name, description)}``: the translations as stored, one
        dictionary ``{lang: text}`` per field. Reading the fields would fall
        back to English where a translation is missing and hide that."""
        records.flush_recordset(["name", "description"])
        self.env.cr.execute(
            SQL(
                "SELECT id, name, description FROM %s WHERE id = ANY(%s)",
                SQL.identifier(records._table),
                records.ids,
            )
        )
        return {
            record_id: (name or {}, description or {})
            for record_id, name, description in self.env.cr.fetchall()
        }

    def _write_translations(self, records, updates):
        """Merge ``[(id, {lang: name}, {lang: description})]`` into the stored
        translations, in a few queries. Through the ORM, each record would be
        written one by one, and a database without active English would also
        get its English name overwritten with the translation."""
        for batch in split_every(CREATE_BATCH_SIZE, updates):
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE %(table)s AS o
                       SET name = COALESCE(o.name, '{}'::jsonb) || v.name,
                           description = CASE
                               WHEN v.description = '{}'::jsonb THEN o.description
                               ELSE COALESCE(o.description, jsonb_build_object(
                                   'en_US', jsonb_path_query_first(v.description, '$.*')
                               )) || v.description
                           END
                      FROM (VALUES %(values)s) AS v(id, name, description)
                     WHERE o.id = v.id
                    """,
                    table=SQL.identifier(records._table),
                    values=SQL(", ").join(
                        SQL(
                            "(%s, %s::jsonb, %s::jsonb)",
                            record_id,
                            json.dumps(names),
                            json.dumps(descriptions),
                        )
                        for record_id, names, descriptions in batch
                    ),
                )
            )
        records.invalidate_recordset(["name", "description"])
        records.modified(["name", "description"])

    # ------------------------------------------------------------------ summary

    def _skip(self, result, line, reason):
        result["skipped"] += 1
        result["reasons"].append(
            self.env._("line %(line)s: %(reason)s", line=line, reason=reason)
        )

    def _summary(self, result):
        summary = self.env._(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(skipped)s skipped.",
            created=result["created"],
            updated=result["updated"],
            unchanged=result["unchanged"],
            skipped=result["skipped"],
        )
        reasons = result["reasons"]
        if len(reasons) > MAX_REASONS_SHOWN:
            summary += " " + self.env._(
                "Skipped: %(reasons)s and %(count)s more.",
                reasons="; ".join(reasons[:MAX_REASONS_SHOWN]),
                count=len(reasons) - MAX_REASONS_SHOWN,
            )
        elif reasons:
            summary += " " + self.env._(
                "Skipped: %(reasons)s.", reasons="; ".join(reasons)
            )
        return summary
