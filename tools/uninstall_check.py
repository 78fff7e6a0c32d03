# Run inside `python -m odoo shell` (the `env` global is Odoo's): uninstall
# hr_talent_ai and check that nothing of it stays behind.
module = env["ir.module.module"].search([("name", "=", "hr_talent_ai")])
assert module.state == "installed", module.state
module.button_immediate_uninstall()
env.invalidate_all()
left = {
    "models": env["ir.model"].search_count([("model", "in", ["hr.talent.model", "hr.employee.feedback", "hr.talent.course"])]),
    "fields": env["ir.model.fields"].search_count([("name", "in", ["fit_score", "sentiment_score", "training_path_ids"])]),
    "xml_ids": env["ir.model.data"].search_count([("module", "=", "hr_talent_ai")]),
}
env.cr.execute("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'hr_talent_%%' OR table_name = 'hr_employee_feedback'")
left["tables"] = env.cr.fetchone()[0]
if module.state != "uninstalled" or any(left.values()):
    print(f"UNINSTALL-FAILED state={module.state} left={left}")
else:
    print("UNINSTALL-OK")
