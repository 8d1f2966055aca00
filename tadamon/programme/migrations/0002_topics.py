"""The taxonomy of training topics (issue 5), named in Arabic, French and English.

Re-runnable: rows are matched by code and updated. Going back leaves the rows in place
(the table itself is dropped by reversing 0001).
"""

from django.db import migrations

# (code, Arabic, French, English), in the order the pickers show them.
TOPICS = [
    ("entrepreneurship", "المقاولة", "Entrepreneuriat", "Entrepreneurship"),
    ("marketing", "التسويق", "Marketing", "Marketing"),
    (
        "digital_marketing",
        "التسويق الرقمي والتجارة الإلكترونية",
        "Marketing digital et commerce électronique",
        "Digital marketing and e-commerce",
    ),
    (
        "administrative_legal",
        "التدبير الإداري والقانوني للتعاونيات",
        "Gestion administrative et juridique des coopératives",
        "Administrative and legal management of cooperatives",
    ),
    ("financial_management", "التدبير المالي", "Gestion financière", "Financial management"),
    (
        "weaving_textile",
        "تقنيات الحياكة والنسيج",
        "Techniques de tissage et de textile",
        "Weaving and textile techniques",
    ),
    ("quality_standards", "الجودة والمعايير", "Qualité et normes", "Quality and standards"),
    ("export", "التصدير", "Export", "Export"),
    ("logistics", "اللوجستيك", "Logistique", "Logistics"),
    (
        "commercial_strategy",
        "الاستراتيجية التجارية",
        "Stratégie commerciale",
        "Commercial strategy",
    ),
    ("packaging", "التلفيف والتغليف", "Conditionnement et emballage", "Packaging"),
    (
        "product_photography",
        "تصوير المنتجات",
        "Photographie des produits",
        "Product photography",
    ),
    (
        "cooperative_governance",
        "حكامة التعاونيات",
        "Gouvernance des coopératives",
        "Cooperative governance",
    ),
    ("other", "مواضيع أخرى", "Autres thèmes", "Other topics"),
]


def load_topics(apps, schema_editor):
    Topic = apps.get_model("programme", "Topic")
    for position, (code, name_ar, name_fr, name_en) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_fr": name_fr,
                "name_en": name_en,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(load_topics, migrations.RunPython.noop)]
