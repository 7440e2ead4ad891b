from django.contrib.sitemaps.views import sitemap
from django.urls import path

from newsdesk.infra.ratelimit import per_minute
from newsdesk.web import feeds, look, sitemaps, views
from newsdesk.web.origin import origin_checked
from newsdesk.web.pagecache import cached_page

app_name = "web"
urlpatterns = [
    # cached_page: rendered once per site change for anonymous readers (web/pagecache.py)
    path("", cached_page(views.home), name="home"),
    path("news/<slug:slug>/", origin_checked(cached_page(views.article)), name="article"),
    path("category/<slug:slug>/", cached_page(views.category), name="category"),
    path("category/<slug:slug>/feed/", cached_page(feeds.CategoryFeed()), name="category_feed"),
    path("tag/<slug:slug>/", cached_page(views.tag), name="tag"),
    path("search/", per_minute("search", "SEARCH_PER_MINUTE")(views.search), name="search"),
    path("feed/", cached_page(feeds.LatestFeed()), name="feed"),
    path("feed/atom/", cached_page(feeds.AtomFeed()), name="atom_feed"),
    path("sitemap.xml", cached_page(sitemap), {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", cached_page(sitemaps.news_sitemap), name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("look.css", look.look_css, name="look"),
]
