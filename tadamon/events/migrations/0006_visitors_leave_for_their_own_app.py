"""The visitors (gates, counts, registrations) moved to their own app, tadamon.visitors
(issue 16): their models leave the state of events here and enter that of visitors in
visitors.0001_initial. Nothing changes in the database: the tables keep their events_*
names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0005_calls_leave_for_their_own_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (visitors.models keeps their names).
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='visitorregistration',
                    name='arrival_gate',
                ),
                migrations.RemoveField(
                    model_name='visitorcount',
                    name='gate',
                ),
                migrations.RemoveField(
                    model_name='visitorcount',
                    name='entered_by',
                ),
                migrations.RemoveField(
                    model_name='visitorcount',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='visitorregistration',
                    name='event',
                ),
                migrations.DeleteModel(
                    name='Gate',
                ),
                migrations.DeleteModel(
                    name='VisitorCount',
                ),
                migrations.DeleteModel(
                    name='VisitorRegistration',
                ),
            ],
        ),
    ]
