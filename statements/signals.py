"""What publishing a statement version announces, for the apps that enforce what it says.

`statements` imports no other app: an app that must agree with the published text (the
retention engine, which enforces the retention rules) connects to these signals from its
`AppConfig.ready()`. Both are sent by `services.version_publish` with `version` (the
`StatementVersion`) and `today` (the Europe/Amsterdam date of publishing).
"""

from django.dispatch import Signal

# Before a draft is published, and for the admin's preview of what stops it (by
# `services.version_problems`). A receiver returns a list of problems, texts for the DPO's
# staff that name what is wrong; any problem refuses the publishing.
version_publishing = Signal()

# After a version is published, inside the publishing transaction: a receiver's writes commit
# or roll back with it; work that may take long belongs in `transaction.on_commit`.
version_published = Signal()
