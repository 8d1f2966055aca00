"""The models of the visitors, moved from tadamon.events (issue 16) with their tables, which
keep their names (events_gate, events_visitorcount, events_visitorregistration): this
migration creates them in Django's state only, after events.0006 removed them from the
state of events. visitors.0002 moves the content types and the stored labels."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0006_visitors_leave_for_their_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (visitors.models keeps their names).
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Gate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='gates', to='events.event', verbose_name='event')),
                    ],
                    options={
                        'verbose_name': 'gate',
                        'verbose_name_plural': 'gates',
                        'db_table': 'events_gate',
                        'ordering': ['event', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='VisitorCount',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(verbose_name='date')),
                        ('count', models.PositiveIntegerField(verbose_name='visitors')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('entered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entered by')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='visitor_counts', to='events.event', verbose_name='event')),
                        ('gate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='counts', to='visitors.gate', verbose_name='gate')),
                    ],
                    options={
                        'verbose_name': 'visitor count',
                        'verbose_name_plural': 'visitor counts',
                        'db_table': 'events_visitorcount',
                        'ordering': ['event', 'date', 'gate__position', 'gate_id'],
                    },
                ),
                migrations.CreateModel(
                    name='VisitorRegistration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='badge code')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('phone', models.CharField(blank=True, max_length=20, verbose_name='phone')),
                        ('commune_name', models.CharField(blank=True, max_length=120, verbose_name='commune')),
                        ('gender', models.CharField(blank=True, choices=[('f', 'woman'), ('m', 'man')], max_length=1, verbose_name='gender')),
                        ('registered_at', models.DateTimeField(auto_now_add=True, verbose_name='registered')),
                        ('arrived_at', models.DateTimeField(blank=True, null=True, verbose_name='arrived')),
                        ('arrival_gate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='visitors.gate', verbose_name='gate of arrival')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='visitor_registrations', to='events.event', verbose_name='event')),
                    ],
                    options={
                        'verbose_name': 'visitor registration',
                        'verbose_name_plural': 'visitor registrations',
                        'db_table': 'events_visitorregistration',
                        'ordering': ['event', '-registered_at', '-id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='gate',
                    constraint=models.UniqueConstraint(fields=('event', 'name'), name='gate_name_unique_in_event'),
                ),
                migrations.AddConstraint(
                    model_name='visitorcount',
                    constraint=models.UniqueConstraint(fields=('gate', 'date'), name='visitor_count_once_per_gate_day'),
                ),
                migrations.AddConstraint(
                    model_name='visitorcount',
                    constraint=models.CheckConstraint(condition=models.Q(('count__gte', 0), ('count__lte', 1000000)), name='visitor_count_in_range'),
                ),
                migrations.AddConstraint(
                    model_name='visitorregistration',
                    constraint=models.UniqueConstraint(condition=models.Q(('phone', ''), _negated=True), fields=('event', 'phone'), name='visitor_registration_phone_once'),
                ),
                migrations.AddConstraint(
                    model_name='visitorregistration',
                    constraint=models.CheckConstraint(condition=models.Q(('name', ''), _negated=True), name='visitor_registration_named'),
                ),
            ],
        ),
    ]
