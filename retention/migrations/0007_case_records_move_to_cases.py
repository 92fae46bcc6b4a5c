"""The case records and the intake API's credentials now live in the cases app (its migration
0001 takes them over): retention forgets the models, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0006_dpo_and_auditor_retention_permissions"),
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='idempotencyrecord',
                    name='client',
                ),
                migrations.RemoveField(
                    model_name='casedocument',
                    name='debt_signal',
                ),
                migrations.RemoveField(
                    model_name='casedocument',
                    name='youth_case',
                ),
                migrations.RemoveField(
                    model_name='casehistory',
                    name='debt_signal',
                ),
                migrations.RemoveField(
                    model_name='casehistory',
                    name='youth_case',
                ),
                migrations.RemoveField(
                    model_name='contactattempt',
                    name='debt_signal',
                ),
                migrations.RemoveField(
                    model_name='debtsignal',
                    name='reporting_organisation',
                ),
                migrations.RemoveField(
                    model_name='debtsignal',
                    name='retention_policy',
                ),
                migrations.RemoveField(
                    model_name='youthcase',
                    name='retention_policy',
                ),
                migrations.DeleteModel(
                    name='ApiClient',
                ),
                migrations.DeleteModel(
                    name='IdempotencyRecord',
                ),
                migrations.DeleteModel(
                    name='CaseDocument',
                ),
                migrations.DeleteModel(
                    name='CaseHistory',
                ),
                migrations.DeleteModel(
                    name='ContactAttempt',
                ),
                migrations.DeleteModel(
                    name='ReportingOrganisation',
                ),
                migrations.DeleteModel(
                    name='DebtSignal',
                ),
                migrations.DeleteModel(
                    name='YouthCase',
                ),
            ],
            database_operations=[],
        ),
    ]
