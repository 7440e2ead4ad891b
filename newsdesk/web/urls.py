from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from newsdesk.infra.ratelimit import per_minute
from newsdesk.web import archives, feeds, look, sitemaps, views
from newsdesk.web.origin import origin_checked
from newsdesk.web.pagecache import cached_page


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class TwoDigitMonth:
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigitMonth, "mm")

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
    path("favicon.ico", archives.favicon, name="favicon"),
    path("<yyyy:year>/", cached_page(archives.year_archive), name="year_archive"),
    path("<yyyy:year>/<mm:month>/", cached_page(archives.month_archive), name="month_archive"),
]
