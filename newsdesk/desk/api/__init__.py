"""The REST API under /api/v1/, on Django REST framework with an OpenAPI 3 schema.

GET  /api/v1/                       links to every collection and the schema
GET  schema/ (YAML or ?format=json), openapi.json     the OpenAPI 3 schema
GET  articles/ [?category ?tag ?outlet ?since ?until ?page ?page_size]   published pieces
GET  articles/<id>/                 one piece; retracted -> 410 with the reason
GET  articles/<id>/versions/        its history (stories.view_storyarticle)
POST articles/<id>/approve | correct | retract | status     editor decisions
GET  stories/, stories/<id>/        clusters with why each article joined (view_story)
GET  sources/  POST sources/        health; add through sources.adding (view/add_source)
GET  categories/, tags/, comments/  public; comments are approved ones, never e-mails

Every write names the Django permission it needs (access.needs); errors are JSON
``{"error": message}`` with a 4xx status and change nothing.
"""
