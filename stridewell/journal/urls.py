from django.urls import URLPattern, URLResolver, path

from stridewell.journal.feeds import LatestArticlesAtom, LatestArticlesRss
from stridewell.journal.views import articles, comments, moderation

app_name = "journal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", articles.article_index, name="index"),
    path("search/", articles.search, name="search"),
    path("tags/<slug:slug>/", articles.tag_detail, name="tag"),
    path("feed/rss/", LatestArticlesRss(), name="feed_rss"),
    path("feed/atom/", LatestArticlesAtom(), name="feed_atom"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/<int:pk>/reply/", moderation.reply, name="moderation_reply"),
    path("moderation/<int:pk>/<slug:action>/", moderation.act, name="moderate"),
    path("comments/unsubscribe/<str:token>/", comments.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", articles.article_detail, name="article"),
    path("<slug:slug>/comments/", comments.comment_create, name="comment_post"),
    path("<slug:slug>/comments/form/", comments.comment_form, name="comment_form"),
]
