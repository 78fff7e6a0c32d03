"""Job catalogue of the demo company (plain data, no Odoo, no ML).

Every job has responsibilities and requirements (written as bullet lines in the job
description), expected skills (skill type name, skill name) and, per requirement, CV
sentences of someone who *did* that work plus a short ``topic`` used to write the
"trap" sentences of people who only studied, aspired to, managed, recruited for,
tested or audited the work.
"""

# Canonical levels: (name, level_progress). Existing skill types keep their own levels
# and are mapped onto these by nearest progress.
LEVELS = [("Beginner", 25), ("Intermediate", 50), ("Advanced", 75), ("Expert", 100)]

# Skill types and the skills the demo needs. Types that hr_skills ships (data or demo)
# are reused by name; missing skills are added to them.
SKILL_TYPES = {
    "Programming Languages": ["Python", "Javascript", "TypeScript", "SQL", "HTML", "CSS", "Go", "R"],
    "IT": [
        "Database Management", "Cloud computing", "DevOps", "Machine Learning (AI)",
        "Data analysis/visualization", "System Administration (Linux, Windows)",
        "Virtualization and Containerization", "Cybersecurity", "IT support",
        "REST API design", "Infrastructure as Code", "Web Accessibility", "Statistics",
    ],
    "Marketing": ["Analytics", "Digital advertising", "Email Marketing", "CMS", "SEO", "Copywriting"],
    "Business & Sales": ["Negotiation", "CRM", "Prospecting", "Account Management", "Sales Forecasting"],
    "Finance & Accounting": ["Bookkeeping", "IFRS Reporting", "Bank Reconciliation", "VAT & Tax", "Spreadsheet Modelling"],
    "People & HR": ["Talent Acquisition", "Employment Law", "Onboarding", "HRIS", "Payroll"],
    "Operations & Logistics": ["Inventory Management", "Warehouse Operations", "Supply Chain Planning", "ERP Logistics", "Health & Safety"],
    "Customer Care": ["Ticketing Systems", "Troubleshooting", "Customer Communication", "Knowledge Base Writing"],
}

DEPARTMENTS = [
    "Research & Development", "IT Infrastructure", "Sales", "Marketing", "Finance",
    "Human Resources", "Operations", "Customer Service",
]

JOBS = [
    {
        "key": "backend_python",
        "name": "Backend Python Developer",
        "department": "Research & Development",
        "min_years": 3,
        "skills": [("Programming Languages", "Python"), ("Programming Languages", "SQL"),
                   ("IT", "REST API design"), ("IT", "Database Management"),
                   ("IT", "Virtualization and Containerization")],
        "intro": "We build the order-to-cash platform used by 2,000 retail shops. You join a team of "
                 "six developers who own the backend services end to end.",
        "responsibilities": [
            "Design, build and maintain Python services behind our public REST API",
            "Model data in PostgreSQL and keep queries fast as volumes grow",
            "Write automated tests and review the code of your teammates",
            "Ship to production several times a week with Docker-based pipelines",
            "Investigate production incidents and fix their root cause",
        ],
        "requirements": [
            {"text": "3+ years building production backends in Python", "topic": "Python backend development",
             "did": ["Developed and maintained Python services that process 40,000 orders a day in production.",
                     "Wrote the Python backend of a booking platform, from the data model to deployment."]},
            {"text": "Solid SQL and PostgreSQL schema design", "topic": "PostgreSQL schema design",
             "did": ["Designed the PostgreSQL schema of our billing system and rewrote slow queries, cutting report time from 9 minutes to 20 seconds.",
                     "Migrated a 300 GB MySQL database to PostgreSQL and tuned its indexes myself."]},
            {"text": "Experience designing and versioning REST APIs", "topic": "REST API design",
             "did": ["Built and versioned a public REST API used by 150 partner integrations.",
                     "Implemented REST endpoints with authentication, pagination and rate limits for a mobile app."]},
            {"text": "Automated testing habits (unit and integration tests)", "topic": "automated testing of Python code",
             "did": ["Raised the test coverage of our services from 35% to 85% with pytest unit and integration tests.",
                     "Wrote the integration test suite that runs on every merge request of the payments service."]},
            {"text": "Comfortable with Docker and continuous delivery", "topic": "Docker-based continuous delivery",
             "did": ["Containerised four services with Docker and set up their continuous delivery pipeline.",
                     "Maintained the Dockerfiles and GitLab CI pipelines that deploy our backend twice a day."]},
        ],
    },
    {
        "key": "frontend",
        "name": "Frontend Developer",
        "department": "Research & Development",
        "min_years": 2,
        "skills": [("Programming Languages", "Javascript"), ("Programming Languages", "TypeScript"),
                   ("Programming Languages", "HTML"), ("Programming Languages", "CSS"),
                   ("IT", "Web Accessibility")],
        "intro": "Our web app is used every day by shop managers on tablets and laptops. You will own "
                 "its interface together with one designer and three developers.",
        "responsibilities": [
            "Build responsive screens in TypeScript and a modern component framework",
            "Turn designs into accessible, fast interfaces",
            "Keep the front-end bundle small and the app fast on cheap tablets",
            "Write component and end-to-end tests",
            "Work with backend developers on API contracts",
        ],
        "requirements": [
            {"text": "2+ years building web interfaces in JavaScript or TypeScript", "topic": "JavaScript and TypeScript front-end development",
             "did": ["Built the TypeScript single-page app of an e-commerce site with 80 screens.",
                     "Developed interactive dashboards in JavaScript used daily by 3,000 customers."]},
            {"text": "Strong HTML and CSS, responsive layouts", "topic": "responsive HTML and CSS layouts",
             "did": ["Rewrote the CSS of our customer portal with a responsive grid so it works from phones to 4K screens.",
                     "Hand-coded semantic HTML and CSS for a design system of 40 components."]},
            {"text": "Knowledge of web accessibility (WCAG)", "topic": "WCAG web accessibility",
             "did": ["Fixed 120 WCAG 2.1 AA issues in our checkout and added keyboard navigation everywhere.",
                     "Implemented screen-reader support and colour-contrast fixes across the booking flow."]},
            {"text": "Performance tuning of front-end applications", "topic": "front-end performance tuning",
             "did": ["Cut the first load of our app from 6 to 1.8 seconds by code splitting and image optimisation.",
                     "Profiled and removed rendering bottlenecks in a React app, halving its CPU use on tablets."]},
            {"text": "Component and end-to-end testing", "topic": "front-end component and end-to-end testing",
             "did": ["Wrote component tests and Playwright end-to-end tests for every new screen I shipped.",
                     "Set up the end-to-end test suite that now guards our releases."]},
        ],
    },
    {
        "key": "data_scientist",
        "name": "Data Scientist",
        "department": "Research & Development",
        "min_years": 3,
        "skills": [("Programming Languages", "Python"), ("IT", "Machine Learning (AI)"),
                   ("Programming Languages", "SQL"), ("IT", "Statistics"),
                   ("IT", "Data analysis/visualization")],
        "intro": "We forecast demand for 15,000 products and want our pricing and replenishment to learn "
                 "from data. You will work with the supply-chain and sales teams.",
        "responsibilities": [
            "Build, evaluate and deploy forecasting and classification models",
            "Explore sales and stock data and explain what you find to non-specialists",
            "Design experiments and measure their effect properly",
            "Write production-quality Python and SQL",
            "Monitor models in production and retrain them when they drift",
        ],
        "requirements": [
            {"text": "3+ years training machine-learning models on real data", "topic": "machine-learning model training",
             "did": ["Trained gradient-boosting demand forecasts that reduced stock-outs by 18% across 300 stores.",
                     "Built and deployed a churn classifier whose predictions drive the retention campaigns."]},
            {"text": "Strong statistics and experiment design", "topic": "statistics and A/B experiment design",
             "did": ["Designed and analysed A/B tests on pricing, including power calculations and sequential stopping rules.",
                     "Estimated promotion uplift with a hierarchical Bayesian model and presented it to the board."]},
            {"text": "Fluent Python data stack and SQL", "topic": "Python data analysis and SQL",
             "did": ["Wrote the SQL and pandas pipelines that prepare 2 billion sales rows for modelling.",
                     "Implemented feature pipelines in Python and SQL that run nightly in production."]},
            {"text": "Clear data visualisation and communication", "topic": "data visualisation for decision makers",
             "did": ["Built the forecasting dashboard that buyers use every Monday to plan orders.",
                     "Presented model results to sales managers with simple charts and clear recommendations."]},
            {"text": "Experience running models in production", "topic": "machine-learning operations in production",
             "did": ["Put three models into production with monitoring of drift and automatic retraining.",
                     "Packaged models as services and set up alerts when prediction quality dropped."]},
        ],
    },
    {
        "key": "devops",
        "name": "DevOps Engineer",
        "department": "IT Infrastructure",
        "min_years": 3,
        "skills": [("IT", "System Administration (Linux, Windows)"), ("IT", "Virtualization and Containerization"),
                   ("IT", "Cloud computing"), ("IT", "Infrastructure as Code"), ("IT", "DevOps")],
        "intro": "Our platform runs on 120 Linux servers across two data centres and one cloud region. "
                 "You will keep it reliable and make deployments boring.",
        "responsibilities": [
            "Run and automate our Linux fleet and Kubernetes clusters",
            "Describe infrastructure as code with Terraform and Ansible",
            "Maintain CI/CD pipelines used by 40 developers",
            "Be part of the on-call rotation and lead incident reviews",
            "Improve monitoring, backups and disaster recovery",
        ],
        "requirements": [
            {"text": "3+ years administering Linux servers in production", "topic": "Linux server administration",
             "did": ["Administered 200 Debian and RHEL servers, including patching, hardening and capacity planning.",
                     "Ran the Linux hosting of a SaaS product with 99.95% measured availability."]},
            {"text": "Kubernetes and container operations", "topic": "Kubernetes operations",
             "did": ["Operated three production Kubernetes clusters and migrated 60 services onto them.",
                     "Built our Helm charts and cluster autoscaling, cutting hosting costs by 30%."]},
            {"text": "Infrastructure as code (Terraform, Ansible)", "topic": "infrastructure as code with Terraform",
             "did": ["Wrote the Terraform modules that create every environment from scratch in 20 minutes.",
                     "Automated server configuration with Ansible roles for the whole fleet."]},
            {"text": "CI/CD pipeline design", "topic": "CI/CD pipeline design",
             "did": ["Designed the GitLab CI pipelines that build, test and deploy 35 repositories.",
                     "Replaced manual releases with a blue-green deployment pipeline."]},
            {"text": "Monitoring and incident response", "topic": "monitoring and incident response",
             "did": ["Set up Prometheus and Grafana monitoring with alerts that cut incident detection to minutes.",
                     "Led the on-call rotation and wrote blameless post-mortems for 25 incidents."]},
        ],
    },
    {
        "key": "account_exec",
        "name": "Account Executive",
        "department": "Sales",
        "min_years": 2,
        "skills": [("Business & Sales", "Negotiation"), ("Business & Sales", "CRM"),
                   ("Business & Sales", "Prospecting"), ("Business & Sales", "Account Management"),
                   ("Business & Sales", "Sales Forecasting")],
        "intro": "We sell our platform to retail chains of 10 to 500 shops. You will own a territory "
                 "from first call to signed contract.",
        "responsibilities": [
            "Prospect new retail chains in your territory",
            "Run discovery calls, demos and negotiations up to signature",
            "Keep the CRM accurate and forecast your quarter",
            "Grow existing accounts together with customer success",
            "Represent the company at trade fairs",
        ],
        "requirements": [
            {"text": "2+ years closing B2B deals with a quota", "topic": "closing B2B software deals",
             "did": ["Closed 1.2 million euros of new B2B software contracts in 2023, 118% of quota.",
                     "Signed 24 new retail customers in one year by running the full sales cycle myself."]},
            {"text": "Outbound prospecting", "topic": "outbound prospecting",
             "did": ["Booked 15 qualified meetings a month through cold calls and personalised emails.",
                     "Opened a new region from zero by prospecting 400 companies myself."]},
            {"text": "Negotiation of multi-year contracts", "topic": "multi-year contract negotiation",
             "did": ["Negotiated three-year contracts with procurement teams of national retail chains.",
                     "Led pricing and legal negotiations on deals up to 300,000 euros."]},
            {"text": "Disciplined CRM use and forecasting", "topic": "CRM pipeline forecasting",
             "did": ["Kept my pipeline in Salesforce up to date and forecast each quarter within 5%.",
                     "Built the CRM pipeline reviews our sales team still uses for weekly forecasting."]},
            {"text": "Account growth (upsell and renewal)", "topic": "account growth and renewals",
             "did": ["Grew my installed base by 35% through upsells and renewed 96% of contracts.",
                     "Managed 40 key accounts and expanded them into new modules."]},
        ],
    },
    {
        "key": "digital_marketing",
        "name": "Digital Marketing Specialist",
        "department": "Marketing",
        "min_years": 2,
        "skills": [("Marketing", "SEO"), ("Marketing", "Digital advertising"), ("Marketing", "Analytics"),
                   ("Marketing", "Email Marketing"), ("Marketing", "Copywriting")],
        "intro": "Marketing brings 60% of our leads. You will run our paid, organic and email channels "
                 "with a budget of 400,000 euros a year.",
        "responsibilities": [
            "Plan and run search and social advertising campaigns",
            "Improve our organic search ranking",
            "Write and test newsletters and nurturing emails",
            "Measure every channel and report on cost per lead",
            "Write landing pages with the product team",
        ],
        "requirements": [
            {"text": "2+ years running paid search and social campaigns", "topic": "paid search and social advertising",
             "did": ["Ran Google Ads and LinkedIn campaigns with a 250,000 euro budget at a 40% lower cost per lead.",
                     "Launched and optimised paid social campaigns that doubled demo requests."]},
            {"text": "Hands-on SEO", "topic": "search engine optimisation",
             "did": ["Grew organic traffic from 20,000 to 75,000 visits a month with technical SEO and content.",
                     "Fixed site structure and keyword targeting so 30 pages reached the first search page."]},
            {"text": "Email marketing and automation", "topic": "email marketing automation",
             "did": ["Built nurturing email sequences in HubSpot that convert 8% of leads into meetings.",
                     "Wrote and A/B tested our monthly newsletter sent to 60,000 subscribers."]},
            {"text": "Analytics and attribution", "topic": "marketing analytics and attribution",
             "did": ["Set up Google Analytics 4 and a multi-touch attribution report for all channels.",
                     "Measured campaign ROI weekly and moved budget to the channels that performed."]},
            {"text": "Strong copywriting", "topic": "marketing copywriting",
             "did": ["Wrote the landing pages and ads copy that lifted conversion from 2% to 5%.",
                     "Wrote 80 blog articles and case studies for a B2B software company."]},
        ],
    },
    {
        "key": "accountant",
        "name": "Financial Accountant",
        "department": "Finance",
        "min_years": 3,
        "skills": [("Finance & Accounting", "Bookkeeping"), ("Finance & Accounting", "IFRS Reporting"),
                   ("Finance & Accounting", "Bank Reconciliation"), ("Finance & Accounting", "VAT & Tax"),
                   ("Finance & Accounting", "Spreadsheet Modelling")],
        "intro": "Our finance team of seven closes the books of three entities every month. You will "
                 "own the general ledger of one of them.",
        "responsibilities": [
            "Run the month-end and year-end close of one entity",
            "Reconcile bank accounts and balance-sheet accounts",
            "Prepare VAT returns and support the tax advisers",
            "Prepare IFRS statements and audit files",
            "Improve our closing process and spreadsheets",
        ],
        "requirements": [
            {"text": "3+ years of general ledger accounting", "topic": "general ledger accounting",
             "did": ["Kept the general ledger of a 40 million euro company and closed every month in five days.",
                     "Posted and reviewed journal entries, accruals and fixed-asset depreciation for two entities."]},
            {"text": "IFRS financial statements", "topic": "IFRS financial reporting",
             "did": ["Prepared the IFRS annual statements and notes of a group subsidiary.",
                     "Produced the monthly IFRS reporting package sent to the parent company."]},
            {"text": "Bank and balance-sheet reconciliations", "topic": "bank and balance-sheet reconciliation",
             "did": ["Reconciled 14 bank accounts daily and cleared a backlog of 900 open items.",
                     "Reconciled all balance-sheet accounts each month with supporting schedules."]},
            {"text": "VAT returns and tax compliance", "topic": "VAT returns and tax compliance",
             "did": ["Filed the monthly VAT returns of three entities without a single penalty.",
                     "Prepared corporate tax packs and answered the tax authority's questions."]},
            {"text": "Advanced spreadsheet skills", "topic": "spreadsheet financial modelling",
             "did": ["Built the spreadsheet cash-flow model the CFO uses to plan financing.",
                     "Automated our closing checklists with spreadsheet formulas and pivot tables, saving two days a month."]},
        ],
    },
    {
        "key": "hr_generalist",
        "name": "HR Generalist",
        "department": "Human Resources",
        "min_years": 2,
        "skills": [("People & HR", "Talent Acquisition"), ("People & HR", "Employment Law"),
                   ("People & HR", "Onboarding"), ("People & HR", "HRIS"), ("People & HR", "Payroll")],
        "intro": "We are 450 people in four countries. You will be the HR partner of 150 colleagues "
                 "in operations and customer service.",
        "responsibilities": [
            "Run hiring for your departments with the managers",
            "Onboard new colleagues and follow their first months",
            "Advise managers on employment law and difficult situations",
            "Keep HR data and payroll inputs correct",
            "Contribute to HR projects (reviews, engagement surveys)",
        ],
        "requirements": [
            {"text": "2+ years as HR generalist or HR business partner", "topic": "HR generalist work",
             "did": ["Was the HR business partner of 200 employees, handling hiring, reviews and departures.",
                     "Handled every HR topic for a 120-person site, from contracts to exit interviews."]},
            {"text": "Hiring experience (sourcing, interviews)", "topic": "talent acquisition",
             "did": ["Ran 60 hires a year from sourcing to offer, with a 90% first-year retention.",
                     "Interviewed candidates and organised assessment days with hiring managers."]},
            {"text": "Working knowledge of employment law", "topic": "employment law",
             "did": ["Drafted contracts and handled disciplinary procedures in line with labour law.",
                     "Advised managers on dismissals, sick leave and working-time rules."]},
            {"text": "Onboarding programmes", "topic": "employee onboarding",
             "did": ["Designed and ran the onboarding programme for 150 newcomers a year.",
                     "Created a 90-day onboarding plan that cut early departures by half."]},
            {"text": "HRIS and payroll inputs", "topic": "HRIS administration and payroll",
             "did": ["Maintained employee records in the HRIS and prepared monthly payroll inputs for 300 people.",
                     "Migrated our HR data to a new HRIS and checked every payslip during the switch."]},
        ],
    },
    {
        "key": "support",
        "name": "Customer Support Specialist",
        "department": "Customer Service",
        "min_years": 1,
        "skills": [("Customer Care", "Ticketing Systems"), ("Customer Care", "Troubleshooting"),
                   ("Customer Care", "Customer Communication"), ("Customer Care", "Knowledge Base Writing"),
                   ("IT", "IT support")],
        "intro": "Our support team answers 3,000 tickets a month from shop staff, by chat, email and phone.",
        "responsibilities": [
            "Answer customer tickets by chat, email and phone",
            "Troubleshoot problems and reproduce bugs for developers",
            "Write and update help-centre articles",
            "Keep our satisfaction score above 95%",
            "Train new customers on the product",
        ],
        "requirements": [
            {"text": "1+ year in customer support", "topic": "customer support",
             "did": ["Answered 60 support tickets a day by chat and email with a 97% satisfaction score.",
                     "Handled first- and second-level support for a point-of-sale software."]},
            {"text": "Methodical troubleshooting", "topic": "technical troubleshooting",
             "did": ["Diagnosed printer, network and sync problems for shops and reproduced bugs for developers.",
                     "Troubleshot customer issues with logs and clear reproduction steps."]},
            {"text": "Clear written and spoken communication", "topic": "customer communication",
             "did": ["Calmed angry customers on the phone and turned escalations into renewals.",
                     "Wrote clear, friendly answers to customers in English and French."]},
            {"text": "Ticketing tools (Zendesk, Freshdesk, ...)", "topic": "ticketing systems",
             "did": ["Worked daily in Zendesk with macros, SLAs and escalation rules I configured.",
                     "Set up our Freshdesk queues and triggers for the support team."]},
            {"text": "Knowledge-base writing", "topic": "help-centre article writing",
             "did": ["Wrote 70 help-centre articles that reduced repeat tickets by 20%.",
                     "Kept the product knowledge base up to date after every release."]},
        ],
    },
    {
        "key": "logistics",
        "name": "Warehouse Logistics Coordinator",
        "department": "Operations",
        "min_years": 2,
        "skills": [("Operations & Logistics", "Inventory Management"), ("Operations & Logistics", "Warehouse Operations"),
                   ("Operations & Logistics", "Supply Chain Planning"), ("Operations & Logistics", "ERP Logistics"),
                   ("Operations & Logistics", "Health & Safety")],
        "intro": "Our central warehouse ships 8,000 order lines a day to shops. You will coordinate a team "
                 "of 12 operators across two shifts.",
        "responsibilities": [
            "Plan daily receiving, picking and shipping",
            "Keep stock accurate with cycle counts",
            "Coordinate carriers and suppliers",
            "Run the warehouse flows in the ERP",
            "Enforce health and safety rules on the floor",
        ],
        "requirements": [
            {"text": "2+ years coordinating warehouse operations", "topic": "warehouse operations coordination",
             "did": ["Coordinated a warehouse team of 15 shipping 6,000 order lines a day.",
                     "Planned receiving, picking and loading for two shifts in a distribution centre."]},
            {"text": "Inventory accuracy and cycle counting", "topic": "inventory control and cycle counting",
             "did": ["Raised inventory accuracy from 94% to 99.5% by introducing weekly cycle counts.",
                     "Ran the yearly stock take of 20,000 locations and investigated every variance."]},
            {"text": "Supply-chain planning with suppliers and carriers", "topic": "supply-chain planning",
             "did": ["Planned inbound flows with 40 suppliers and booked carriers for outbound trucks.",
                     "Negotiated delivery slots with carriers and cut late shipments by 60%."]},
            {"text": "ERP warehouse modules", "topic": "ERP warehouse management",
             "did": ["Processed receipts, transfers and deliveries daily in the Odoo Inventory module.",
                     "Configured routes and putaway rules in our ERP during its go-live."]},
            {"text": "Health and safety on the warehouse floor", "topic": "warehouse health and safety",
             "did": ["Ran monthly safety walks and brought lost-time accidents to zero in two years.",
                     "Trained operators on forklift safety and manual handling rules."]},
        ],
    },
]

# "Trap" sentences: the words of the job without having done the work.
TRAP_TEMPLATES = {
    "studied": [
        "Studied {topic} in a university module and passed the exam.",
        "Completed an online certificate in {topic}.",
    ],
    "aspires": [
        "Aspiring to a career in {topic}; I am eager to learn it on the job.",
        "My goal is to move into {topic} in my next role.",
    ],
    "managed": [
        "Managed a team whose members were responsible for {topic}.",
        "As department head, supervised the people who handled {topic}.",
    ],
    "recruited": [
        "Recruited specialists in {topic} for client companies as an agency recruiter.",
        "Sourced and screened candidates for roles in {topic}.",
    ],
    "tested": [
        "Tested the software our developers built for {topic} as a QA analyst.",
        "Wrote manual test plans for tools used in {topic}.",
    ],
    "audited": [
        "Audited the {topic} processes of client companies as an external auditor.",
        "Reviewed compliance of {topic} practices during internal audits.",
    ],
}
TRAP_KINDS = list(TRAP_TEMPLATES)

# Neutral CV material, independent of the job.
GENERIC_LINES = [
    "Worked as a waiter in a busy city-centre restaurant during my studies.",
    "Volunteer treasurer of a local football club.",
    "Organised a charity run that raised 12,000 euros.",
    "Member of the student union committee for two years.",
    "Enjoy hiking, cooking and reading history books.",
    "Took part in a six-month exchange programme abroad.",
    "Delivered parcels for a courier company on weekends.",
    "Coached a youth basketball team on Saturdays.",
    "Worked as a cashier in a supermarket for one summer.",
    "Maintain a small photography blog.",
    "Sang in a community choir for five years.",
    "Helped run the family bakery during holidays.",
]

OFF_FIELD_ROLES = [
    ("Store Manager", "Ran a clothing store of 8 staff and met the yearly sales targets."),
    ("Teacher", "Taught mathematics to secondary school pupils for several years."),
    ("Nurse", "Worked night shifts as a registered nurse in a surgical ward."),
    ("Chef", "Led a kitchen brigade of six in a 90-cover restaurant."),
    ("Journalist", "Wrote news articles for a regional newspaper."),
    ("Event Planner", "Organised corporate events for up to 500 guests."),
    ("Architect", "Drew building plans and followed construction sites."),
    ("Pharmacist", "Advised patients and managed the dispensary of a pharmacy."),
]

DEGREES = [
    "Bachelor of Science", "Master of Science", "Bachelor of Arts", "Master of Business Administration",
    "Professional Diploma", "Bachelor of Engineering",
]
SCHOOLS = [
    "Northfield University", "Lakeside Institute of Technology", "Riverbend College",
    "Hillcrest Business School", "Eastport Polytechnic", "Westmoor University",
]
COMPANIES = [
    "Brightline Retail", "Cobalt Systems", "Northwind Traders", "Harbor Logistics", "Pinecrest Foods",
    "Lumen Analytics", "Atlas Hardware", "Greenfield Energy", "Orbit Media", "Keystone Finance",
    "Silverleaf Health", "Redwood Software", "Bluewater Travel", "Summit Telecom", "Maple Insurance",
]

# Fictional names (first, last) - drawn from their own random stream, never used by
# the outcome.
FIRST_NAMES = [
    "Amara", "Liam", "Sofia", "Noah", "Yuki", "Mateo", "Aisha", "Lucas", "Ingrid", "Omar",
    "Chloe", "Ravi", "Elena", "Kwame", "Mei", "Jonas", "Fatima", "Diego", "Hana", "Tomasz",
    "Priya", "Felix", "Zanele", "Marco", "Leila", "Erik", "Nadia", "Samuel", "Anika", "Hugo",
    "Grace", "Tariq", "Lucia", "Ben", "Sakura", "Ivan", "Maya", "Kofi", "Clara", "Arjun",
    "Nora", "Emeka", "Julia", "Hamza", "Freya", "Pablo", "Ayumi", "Oskar", "Selin", "Daniel",
]
LAST_NAMES = [
    "Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Haddad", "Kowalski", "Nguyen", "Brennan",
    "Castillo", "Mensah", "Petrov", "Schneider", "Iyer", "Rossi", "Dubois", "Yilmaz", "Kim", "Fischer",
    "Santos", "Novak", "Abara", "Jansen", "Costa", "Hughes", "Larsen", "Morales", "Varga", "Osei",
    "Berg", "Ferreira", "Kaur", "Lambert", "Mwangi", "Sato", "Weber", "Quinn", "Horvat", "Ruiz", "Dalton",
]
