from django.urls import path

from tadamon.registry.views import claims, communes, imports, organizations, people, products

app_name = "registry"
urlpatterns = [
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_create, name="organization_create"),
    path(
        "organizations/location/",
        organizations.organization_location,
        name="organization_location",
    ),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path(
        "organizations/<int:pk>/merge/<int:duplicate_pk>/",
        organizations.organization_merge,
        name="organization_merge",
    ),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:pk>/delete/",
        organizations.organization_delete,
        name="organization_delete",
    ),
    path("organizations/<int:pk>/products/new/", products.product_create, name="product_create"),
    path("organizations/<int:pk>/people/new/", people.person_create, name="person_create"),
    path("my-organization/", organizations.my_organization, name="my_organization"),
    path("products/<int:pk>/edit/", products.product_edit, name="product_edit"),
    path("products/<int:pk>/delete/", products.product_delete, name="product_delete"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("communes/new/", communes.commune_create, name="commune_create"),
    path("import/", imports.import_organizations, name="import"),
    # Sign-up (issue 19): the person names their record; organizers confirm or refuse.
    path("sign-up/match/", claims.signup_match, name="signup_match"),
    path("claims/", claims.claim_list, name="claim_list"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/confirm/", claims.claim_confirm, name="claim_confirm"),
    path("claims/<int:pk>/refuse/", claims.claim_refuse, name="claim_refuse"),
]
