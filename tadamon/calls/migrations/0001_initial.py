"""The models of the call for exhibitors, moved from tadamon.events (issue 16) with their
tables, which keep their names (events_call, events_application...): this migration
creates them in Django's state only, after events.0005 removed them from the state of
events. calls.0002 moves the content types and the stored labels."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0005_calls_leave_for_their_own_app'),
        ('registry', '0003_public_consent'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (calls.models keeps their names).
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Call',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('opens_on', models.DateField(verbose_name='opens on')),
                        ('closes_on', models.DateField(verbose_name='closes on')),
                        ('capacity', models.PositiveIntegerField(help_text='Places to fill over all waves (booths × waves).', verbose_name='places')),
                        ('microcredit_only', models.BooleanField(default=False, verbose_name='microcredit beneficiaries only')),
                        ('founded_before', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='founded before (year)')),
                        ('quotas', models.JSONField(blank=True, default=dict, verbose_name='quotas')),
                        ('offer_days', models.PositiveSmallIntegerField(default=3, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='days to answer an offer')),
                        ('instructions_ar', models.TextField(blank=True, verbose_name='instructions in Arabic')),
                        ('instructions_fr', models.TextField(blank=True, verbose_name='instructions in French')),
                        ('eligible_kinds', models.ManyToManyField(blank=True, related_name='+', to='registry.organizationkind', verbose_name='eligible kinds')),
                        ('eligible_regions', models.ManyToManyField(blank=True, related_name='+', to='registry.region', verbose_name='eligible regions')),
                        ('eligible_sectors', models.ManyToManyField(blank=True, related_name='+', to='registry.sector', verbose_name='eligible sectors')),
                        ('event', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='call', to='events.event', verbose_name='event')),
                    ],
                    options={
                        'verbose_name': 'call for exhibitors',
                        'verbose_name_plural': 'calls for exhibitors',
                        'db_table': 'events_call',
                    },
                ),
                migrations.CreateModel(
                    name='Application',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted'), ('under_review', 'under review'), ('accepted', 'accepted'), ('waitlisted', 'on the waiting list'), ('rejected', 'not selected'), ('offered', 'place offered'), ('expired', 'offer expired'), ('confirmed', 'confirmed'), ('withdrawn', 'withdrawn')], db_index=True, default='draft', max_length=14, verbose_name='status')),
                        ('motivation', models.TextField(blank=True, verbose_name='motivation')),
                        ('products_text', models.TextField(blank=True, verbose_name='products to exhibit')),
                        ('needs_accessible_booth', models.BooleanField(default=False, verbose_name='needs an accessible booth')),
                        ('first_participation', models.BooleanField(default=False, verbose_name='first participation')),
                        ('score', models.DecimalField(blank=True, decimal_places=2, editable=False, max_digits=6, null=True, verbose_name='score')),
                        ('waitlist_rank', models.PositiveIntegerField(null=True, verbose_name='rank on the waiting list')),
                        ('offer_expires_at', models.DateTimeField(blank=True, null=True, verbose_name='offer expires')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='registry.organization', verbose_name='organization')),
                        ('wave', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='events.wave', verbose_name='assigned wave')),
                        ('wave_preferences', models.ManyToManyField(blank=True, related_name='+', to='events.wave', verbose_name='waves you can attend')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='applications', to='calls.call', verbose_name='call')),
                    ],
                    options={
                        'verbose_name': 'application',
                        'verbose_name_plural': 'applications',
                        'db_table': 'events_application',
                        'ordering': ['call', '-score', 'submitted_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='calls.application', verbose_name='application')),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='review_assignments', to=settings.AUTH_USER_MODEL, verbose_name='reviewer')),
                    ],
                    options={
                        'verbose_name': 'review assignment',
                        'verbose_name_plural': 'review assignments',
                        'db_table': 'events_reviewassignment',
                    },
                ),
                migrations.CreateModel(
                    name='ScoringCriterion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_ar', models.CharField(blank=True, max_length=160, verbose_name='name in Arabic')),
                        ('name_fr', models.CharField(blank=True, max_length=160, verbose_name='name in French')),
                        ('weight', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0)], verbose_name='weight')),
                        ('max_points', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1)], verbose_name='maximum points')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='calls.call', verbose_name='call')),
                    ],
                    options={
                        'verbose_name': 'scoring criterion',
                        'verbose_name_plural': 'scoring criteria',
                        'db_table': 'events_scoringcriterion',
                        'ordering': ['call', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Score',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('points', models.PositiveSmallIntegerField(verbose_name='points')),
                        ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='calls.reviewassignment', verbose_name='review')),
                        ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='calls.scoringcriterion', verbose_name='criterion')),
                    ],
                    options={
                        'verbose_name': 'score',
                        'verbose_name_plural': 'scores',
                        'db_table': 'events_score',
                    },
                ),
                migrations.CreateModel(
                    name='SelectionRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('proposed', 'proposed'), ('published', 'published'), ('discarded', 'discarded')], default='proposed', max_length=10, verbose_name='status')),
                        ('quotas', models.JSONField(default=dict, verbose_name='quotas')),
                        ('result', models.JSONField(default=dict, verbose_name='result')),
                        ('adjustments', models.JSONField(blank=True, default=dict, verbose_name='adjustments by hand')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                        ('call', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='selection_runs', to='calls.call', verbose_name='call')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                    ],
                    options={
                        'verbose_name': 'selection',
                        'verbose_name_plural': 'selections',
                        'db_table': 'events_selectionrun',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='call',
                    constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='call_closes_after_it_opens'),
                ),
                migrations.AddConstraint(
                    model_name='application',
                    constraint=models.UniqueConstraint(fields=('call', 'organization'), name='application_once_per_call'),
                ),
                migrations.AddConstraint(
                    model_name='application',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'offered'), _negated=True), ('offer_expires_at__isnull', False), _connector='OR'), name='offer_has_a_deadline'),
                ),
                migrations.AddConstraint(
                    model_name='reviewassignment',
                    constraint=models.UniqueConstraint(fields=('application', 'reviewer'), name='one_review_per_reviewer'),
                ),
                migrations.AddConstraint(
                    model_name='scoringcriterion',
                    constraint=models.CheckConstraint(condition=models.Q(('weight__gte', 0)), name='criterion_weight_positive'),
                ),
                migrations.AddConstraint(
                    model_name='scoringcriterion',
                    constraint=models.CheckConstraint(condition=models.Q(('max_points__gte', 1)), name='criterion_has_points'),
                ),
                migrations.AddConstraint(
                    model_name='score',
                    constraint=models.UniqueConstraint(fields=('assignment', 'criterion'), name='one_score_each'),
                ),
            ],
        ),
    ]
