"""Development areas of confirmed performance reviews as training-path targets.

Pure Python: Odoo gathers ``{skill_id: (target progress, reason)}`` of the confirmed areas;
they join the job's expected skills (the higher target wins) and keep their reason.
"""


def merge_targets(expected, review_targets):
    """(merged {skill_id: progress}, {skill_id: reason} of the skills a review added or raised)."""
    merged = dict(expected)
    reasons = {}
    for skill_id, (progress, reason) in (review_targets or {}).items():
        if int(progress) > int(merged.get(skill_id, -1)):
            merged[skill_id] = int(progress)
            reasons[skill_id] = reason
    return merged, reasons
