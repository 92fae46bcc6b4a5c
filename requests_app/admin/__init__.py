"""The back office of requests_app, one module per screen or concern:

* `subject_request`: the queue and a request's page (`SubjectRequestAdmin`);
* `letters`: writing and issuing a letter, the letters and answer files lists;
* `reports`: the DPO's report pages (wired in `heerlen_privacy/urls.py`);
* `forms`, `filters`, `display`: what those screens share.

Importing the submodules here runs their `@admin.register`, as Django's autodiscovery imports
only this package.
"""

from . import letters, reports, subject_request  # noqa: F401
