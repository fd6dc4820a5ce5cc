def related_action(record, xmlid, field_name, **context):
    """The window action ``xmlid`` on the records whose ``field_name`` is
    ``record``, new ones made for it; ``context`` adds to the action's
    context. What the smart buttons of every level2work form open."""
    record.ensure_one()
    action = record.env["ir.actions.act_window"]._for_xml_id(xmlid)
    action["domain"] = [(field_name, "=", record.id)]
    action["context"] = {f"default_{field_name}": record.id, **context}
    return action
