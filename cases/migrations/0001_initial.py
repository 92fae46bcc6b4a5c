"""The case records move here from retention. Only Django's idea of where the models live
changes: the tables keep their names (`retention_debtsignal`, ...), with their rows, indexes
and constraints. The content types are renamed rather than made anew, so the permissions that
groups hold, and the admin's history, keep pointing at them."""

import core.crypto
import django.db.models.deletion
import uuid
from django.db import migrations, models


MODELS = [
    "reportingorganisation",
    "debtsignal",
    "contactattempt",
    "youthcase",
    "casehistory",
    "casedocument",
    "apiclient",
    "idempotencyrecord",
]


def content_types_move(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="cases", model=model).exists():
            ContentType.objects.filter(app_label="retention", model=model).update(app_label="cases")


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="cases", model__in=MODELS).update(app_label="retention")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("retention", "0006_dpo_and_auditor_retention_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReportingOrganisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('kind', models.CharField(choices=[('landlord', 'landlord or housing corporation'), ('health_insurer', 'health insurer'), ('energy_company', 'energy company'), ('water_company', 'water company'), ('case_system', 'case system of the municipality')], max_length=20, verbose_name='kind')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                    ],
                    options={
                        'verbose_name': 'reporting organisation',
                        'verbose_name_plural': 'reporting organisations',
                        'db_table': 'retention_reportingorganisation',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='DebtSignal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('outcome', models.CharField(blank=True, max_length=30, verbose_name='outcome')),
                        ('closed_on', models.DateField(blank=True, null=True, verbose_name='closed on')),
                        ('legal_hold_reason', models.CharField(blank=True, choices=[('objection', 'objection (bezwaar) or appeal'), ('complaint', 'complaint'), ('litigation', 'litigation'), ('request', 'data-subject request in progress'), ('other', 'other, see the case file')], help_text='While set, the record is not destroyed, whatever its destruction date.', max_length=20, verbose_name='legal hold')),
                        ('legal_hold_since', models.DateField(blank=True, null=True, verbose_name='legal hold since')),
                        ('retention_status', models.CharField(choices=[('open', 'open: retention has not started'), ('scheduled', 'scheduled for destruction'), ('on_hold', 'on legal hold'), ('uncovered', 'closed, but no retention policy applies'), ('listed', 'on a destruction list awaiting approval')], db_index=True, default='open', editable=False, max_length=20, verbose_name='retention status')),
                        ('retention_policy_code', models.CharField(blank=True, editable=False, max_length=60, verbose_name='retention policy code')),
                        ('retention_period', models.CharField(blank=True, editable=False, max_length=20, verbose_name='retention period')),
                        ('retention_clock_start', models.CharField(blank=True, editable=False, max_length=20, verbose_name='retention counted from')),
                        ('retention_action', models.CharField(blank=True, editable=False, max_length=20, verbose_name='action at the end')),
                        ('retention_needs_approval', models.BooleanField(default=False, editable=False, verbose_name="destruction needs the DPO's approval")),
                        ('retention_copied_for', models.CharField(blank=True, editable=False, help_text='The outcome and closing date the policy was copied for.', max_length=60, verbose_name='policy copied for')),
                        ('startdatum_bewaartermijn', models.DateField(blank=True, editable=False, null=True, verbose_name='retention starts')),
                        ('archiefactiedatum', models.DateField(blank=True, db_index=True, editable=False, help_text='The first day the record may be destroyed: the day after the retention period ends.', null=True, verbose_name='destruction date')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                        ('external_reference', models.CharField(blank=True, db_index=True, help_text="The case system's own number; never a BSN or a name.", max_length=100, verbose_name='reference in the case system')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('bsn', core.crypto.EncryptedTextField(blank=True, verbose_name='citizen service number (BSN)')),
                        ('bsn_index', models.CharField(blank=True, db_index=True, editable=False, max_length=64, verbose_name='BSN (blind index)')),
                        ('signal_received_on', models.DateField(verbose_name='signal received on')),
                        ('name', core.crypto.EncryptedTextField(verbose_name='name')),
                        ('address', core.crypto.EncryptedTextField(blank=True, verbose_name='address')),
                        ('date_of_birth', models.DateField(blank=True, null=True, verbose_name='date of birth')),
                        ('gender', models.CharField(blank=True, choices=[('female', 'female'), ('male', 'male'), ('other', 'other or unknown')], max_length=10, verbose_name='gender')),
                        ('administration_number', core.crypto.EncryptedTextField(blank=True, verbose_name='customer number at the reporting party')),
                        ('phone', core.crypto.EncryptedTextField(blank=True, verbose_name='phone number')),
                        ('arrears_type', models.CharField(choices=[('rent', 'rent'), ('health_insurance', 'health insurance premium'), ('energy', 'energy'), ('water', 'drinking water')], max_length=20, verbose_name='arrears for')),
                        ('arrears_amount', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount in arrears (EUR)')),
                        ('arrears_since', models.DateField(verbose_name='in arrears since')),
                        ('offer', models.CharField(choices=[('not_made', 'no offer made yet'), ('accepted', 'accepted'), ('declined', 'declined')], default='not_made', max_length=10, verbose_name='offer of help')),
                        ('debt_relief_programme', models.CharField(blank=True, max_length=200, verbose_name='debt-relief programme')),
                        ('caregiver_reports', core.crypto.EncryptedTextField(blank=True, verbose_name='reports from caregivers')),
                        ('retention_policy', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='retention.retentionpolicy', verbose_name='retention policy')),
                        ('reporting_organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='debt_signals', to='cases.reportingorganisation', verbose_name='reported by')),
                    ],
                    options={
                        'verbose_name': 'early sign of debt',
                        'verbose_name_plural': 'early signs of debt',
                        'db_table': 'retention_debtsignal',
                        'ordering': ['-signal_received_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ContactAttempt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('attempted_on', models.DateField(verbose_name='attempted on')),
                        ('channel', models.CharField(choices=[('visit', 'home visit'), ('phone', 'phone'), ('letter', 'letter'), ('email', 'e-mail')], max_length=10, verbose_name='channel')),
                        ('result', models.CharField(choices=[('reached', 'reached'), ('not_reached', 'not reached')], max_length=20, verbose_name='result')),
                        ('note', core.crypto.EncryptedTextField(blank=True, verbose_name='note')),
                        ('debt_signal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_attempts', to='cases.debtsignal', verbose_name='early sign of debt')),
                    ],
                    options={
                        'verbose_name': 'contact attempt',
                        'verbose_name_plural': 'contact attempts',
                        'db_table': 'retention_contactattempt',
                        'ordering': ['attempted_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ApiClient',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                        ('name', models.CharField(help_text="Which system uses it, e.g. 'arrears batch'.", max_length=100, verbose_name='name')),
                        ('key_id', models.CharField(editable=False, max_length=16, unique=True, verbose_name='key id')),
                        ('token_hash', models.CharField(editable=False, max_length=64, verbose_name='token hash')),
                        ('scopes', models.JSONField(default=list, verbose_name='scopes')),
                        ('case_domain', models.CharField(blank=True, choices=[('debt_signal', 'early signs of debt'), ('youth_case', 'youth assistance cases')], help_text='For a case system (cases:write): the cases it may write to.', max_length=20, verbose_name='case domain')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('last_used_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last used at')),
                        ('revoked_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='revoked at')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='api_clients', to='cases.reportingorganisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'API client',
                        'verbose_name_plural': 'API clients',
                        'db_table': 'retention_apiclient',
                        'ordering': ['organisation__name', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='YouthCase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('outcome', models.CharField(blank=True, max_length=30, verbose_name='outcome')),
                        ('closed_on', models.DateField(blank=True, null=True, verbose_name='closed on')),
                        ('legal_hold_reason', models.CharField(blank=True, choices=[('objection', 'objection (bezwaar) or appeal'), ('complaint', 'complaint'), ('litigation', 'litigation'), ('request', 'data-subject request in progress'), ('other', 'other, see the case file')], help_text='While set, the record is not destroyed, whatever its destruction date.', max_length=20, verbose_name='legal hold')),
                        ('legal_hold_since', models.DateField(blank=True, null=True, verbose_name='legal hold since')),
                        ('retention_status', models.CharField(choices=[('open', 'open: retention has not started'), ('scheduled', 'scheduled for destruction'), ('on_hold', 'on legal hold'), ('uncovered', 'closed, but no retention policy applies'), ('listed', 'on a destruction list awaiting approval')], db_index=True, default='open', editable=False, max_length=20, verbose_name='retention status')),
                        ('retention_policy_code', models.CharField(blank=True, editable=False, max_length=60, verbose_name='retention policy code')),
                        ('retention_period', models.CharField(blank=True, editable=False, max_length=20, verbose_name='retention period')),
                        ('retention_clock_start', models.CharField(blank=True, editable=False, max_length=20, verbose_name='retention counted from')),
                        ('retention_action', models.CharField(blank=True, editable=False, max_length=20, verbose_name='action at the end')),
                        ('retention_needs_approval', models.BooleanField(default=False, editable=False, verbose_name="destruction needs the DPO's approval")),
                        ('retention_copied_for', models.CharField(blank=True, editable=False, help_text='The outcome and closing date the policy was copied for.', max_length=60, verbose_name='policy copied for')),
                        ('startdatum_bewaartermijn', models.DateField(blank=True, editable=False, null=True, verbose_name='retention starts')),
                        ('archiefactiedatum', models.DateField(blank=True, db_index=True, editable=False, help_text='The first day the record may be destroyed: the day after the retention period ends.', null=True, verbose_name='destruction date')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public id')),
                        ('external_reference', models.CharField(blank=True, db_index=True, help_text="The case system's own number; never a BSN or a name.", max_length=100, verbose_name='reference in the case system')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('bsn', core.crypto.EncryptedTextField(blank=True, verbose_name='citizen service number (BSN)')),
                        ('bsn_index', models.CharField(blank=True, db_index=True, editable=False, max_length=64, verbose_name='BSN (blind index)')),
                        ('request_received_on', models.DateField(verbose_name='request received on')),
                        ('youth_name', core.crypto.EncryptedTextField(verbose_name='name of the young person')),
                        ('youth_date_of_birth', models.DateField(blank=True, null=True, verbose_name='date of birth of the young person')),
                        ('representatives', core.crypto.EncryptedTextField(blank=True, verbose_name='custodial parents or representatives')),
                        ('contact_details', core.crypto.EncryptedTextField(blank=True, verbose_name='contact details')),
                        ('social_network', core.crypto.EncryptedTextField(blank=True, verbose_name='social network')),
                        ('living_situation', core.crypto.EncryptedTextField(blank=True, verbose_name='living situation')),
                        ('family_composition', core.crypto.EncryptedTextField(blank=True, verbose_name='family composition')),
                        ('safety_risks', core.crypto.EncryptedTextField(blank=True, verbose_name='safety (risk) data')),
                        ('development_notes', core.crypto.EncryptedTextField(blank=True, verbose_name='development and upbringing')),
                        ('counselling_history', core.crypto.EncryptedTextField(blank=True, verbose_name='counselling history')),
                        ('involved_professionals', core.crypto.EncryptedTextField(blank=True, verbose_name='involved professionals')),
                        ('health_data', core.crypto.EncryptedTextField(blank=True, help_text='Only where needed for the assistance (GDPR art. 9; Jeugdwet art. 7.4.0).', verbose_name='health or diagnostic data')),
                        ('assistance_requested', core.crypto.EncryptedTextField(blank=True, verbose_name='assistance requested')),
                        ('assistance_delivered', core.crypto.EncryptedTextField(blank=True, verbose_name='assistance delivered')),
                        ('product_code', models.CharField(blank=True, max_length=20, verbose_name='product code')),
                        ('referrer', models.CharField(blank=True, choices=[('gp', 'general practitioner'), ('youth_doctor', 'youth doctor'), ('medical_specialist', 'medical specialist'), ('certified_institution', 'certified institution'), ('court', 'court or public prosecutor'), ('municipality', 'municipal access team'), ('self', 'the family itself')], max_length=30, verbose_name='referred by')),
                        ('decision', models.CharField(blank=True, choices=[('granted', 'granted'), ('refused', 'refused'), ('inadmissible', 'inadmissible')], max_length=20, verbose_name='decision')),
                        ('decision_on', models.DateField(blank=True, null=True, verbose_name='decision date')),
                        ('objection', core.crypto.EncryptedTextField(blank=True, verbose_name='objection (bezwaar)')),
                        ('end_reason', core.crypto.EncryptedTextField(blank=True, verbose_name='end reason')),
                        ('retention_policy', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='retention.retentionpolicy', verbose_name='retention policy')),
                    ],
                    options={
                        'verbose_name': 'youth assistance case',
                        'verbose_name_plural': 'youth assistance cases',
                        'db_table': 'retention_youthcase',
                        'ordering': ['-request_received_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CaseHistory',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(verbose_name='when')),
                        ('action', models.CharField(max_length=40, verbose_name='what')),
                        ('actor', models.CharField(blank=True, max_length=150, verbose_name='by')),
                        ('debt_signal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='cases.debtsignal', verbose_name='early sign of debt')),
                        ('youth_case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='cases.youthcase', verbose_name='youth assistance case')),
                    ],
                    options={
                        'verbose_name': 'case history entry',
                        'verbose_name_plural': 'case history',
                        'db_table': 'retention_casehistory',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CaseDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('file', 'file'), ('email', 'copy of an e-mail')], max_length=10, verbose_name='kind')),
                        ('file', models.FileField(upload_to='cases/%Y/%m/', verbose_name='file')),
                        ('added_at', models.DateTimeField(verbose_name='added at')),
                        ('debt_signal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='cases.debtsignal', verbose_name='early sign of debt')),
                        ('youth_case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='cases.youthcase', verbose_name='youth assistance case')),
                    ],
                    options={
                        'verbose_name': 'case document',
                        'verbose_name_plural': 'case documents',
                        'db_table': 'retention_casedocument',
                        'ordering': ['added_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='IdempotencyRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=255, verbose_name='idempotency key')),
                        ('request_hash', models.CharField(max_length=64, verbose_name='request hash')),
                        ('created_at', models.DateTimeField(verbose_name='created at')),
                        ('response_status', models.PositiveSmallIntegerField(null=True, verbose_name='response status')),
                        ('response_body', models.JSONField(null=True, verbose_name='response body')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cases.apiclient', verbose_name='API client')),
                    ],
                    options={
                        'verbose_name': 'idempotency record',
                        'verbose_name_plural': 'idempotency records',
                        'db_table': 'retention_idempotencyrecord',
                        'constraints': [models.UniqueConstraint(fields=('client', 'key'), name='idempotency_one_per_key'), models.CheckConstraint(condition=models.Q(models.Q(('response_body__isnull', True), ('response_status__isnull', True)), models.Q(('response_body__isnull', False), ('response_status__isnull', False)), _connector='OR'), name='idempotency_response_whole')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='debtsignal',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_on__isnull', True), ('outcome', '')), models.Q(models.Q(('outcome', ''), _negated=True), ('closed_on__isnull', False)), _connector='OR'), name='debt_signal_closed_has_outcome_and_date'),
                ),
                migrations.AddConstraint(
                    model_name='debtsignal',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('legal_hold_reason', ''), ('legal_hold_since__isnull', True)), models.Q(models.Q(('legal_hold_reason', ''), _negated=True), ('legal_hold_since__isnull', False)), _connector='OR'), name='debt_signal_legal_hold_has_reason_and_date'),
                ),
                migrations.AddConstraint(
                    model_name='youthcase',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_on__isnull', True), ('outcome', '')), models.Q(models.Q(('outcome', ''), _negated=True), ('closed_on__isnull', False)), _connector='OR'), name='youth_case_closed_has_outcome_and_date'),
                ),
                migrations.AddConstraint(
                    model_name='youthcase',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('legal_hold_reason', ''), ('legal_hold_since__isnull', True)), models.Q(models.Q(('legal_hold_reason', ''), _negated=True), ('legal_hold_since__isnull', False)), _connector='OR'), name='youth_case_legal_hold_has_reason_and_date'),
                ),
                migrations.AddConstraint(
                    model_name='casehistory',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('debt_signal__isnull', False), ('youth_case__isnull', True)), models.Q(('debt_signal__isnull', True), ('youth_case__isnull', False)), _connector='OR'), name='case_history_belongs_to_one_case'),
                ),
                migrations.AddConstraint(
                    model_name='casedocument',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('debt_signal__isnull', False), ('youth_case__isnull', True)), models.Q(('debt_signal__isnull', True), ('youth_case__isnull', False)), _connector='OR'), name='case_document_belongs_to_one_case'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_move, content_types_back),
    ]
