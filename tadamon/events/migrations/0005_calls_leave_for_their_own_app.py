"""The call for exhibitors moved to its own app, tadamon.calls (issue 16): its models leave
the state of events here and enter that of calls in calls.0001_initial. Nothing changes in
the database: the tables keep their events_* names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_visitor_registration'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (calls.models keeps their names).
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='reviewassignment',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='call',
                    name='eligible_kinds',
                ),
                migrations.RemoveField(
                    model_name='call',
                    name='eligible_regions',
                ),
                migrations.RemoveField(
                    model_name='call',
                    name='eligible_sectors',
                ),
                migrations.RemoveField(
                    model_name='call',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='scoringcriterion',
                    name='call',
                ),
                migrations.RemoveField(
                    model_name='selectionrun',
                    name='call',
                ),
                migrations.RemoveField(
                    model_name='reviewassignment',
                    name='reviewer',
                ),
                migrations.RemoveField(
                    model_name='score',
                    name='assignment',
                ),
                migrations.RemoveField(
                    model_name='score',
                    name='criterion',
                ),
                migrations.RemoveField(
                    model_name='selectionrun',
                    name='created_by',
                ),
                migrations.DeleteModel(
                    name='Application',
                ),
                migrations.DeleteModel(
                    name='Call',
                ),
                migrations.DeleteModel(
                    name='ReviewAssignment',
                ),
                migrations.DeleteModel(
                    name='Score',
                ),
                migrations.DeleteModel(
                    name='ScoringCriterion',
                ),
                migrations.DeleteModel(
                    name='SelectionRun',
                ),
            ],
        ),
    ]
