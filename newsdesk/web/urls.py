from django.contrib.sitemaps.views import sitemap
from django.urls import path

from newsdesk.infra.ratelimit import per_minute
from newsdesk.web import feeds, look, sitemaps, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("category/<slug:slug>/", views.category, name="category"),
    path("category/<slug:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("search/", per_minute("search", "SEARCH_PER_MINUTE")(views.search), name="search"),
    path("feed/", feeds.LatestFeed(), name="feed"),
    path("feed/atom/", feeds.AtomFeed(), name="atom_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("look.css", look.look_css, name="look"),
]
