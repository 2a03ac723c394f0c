package io.atrium.sandbox.content;

import java.util.List;

/**
 * A published post (freepublish item): one {@code article_id} for one to four news articles.
 *
 * @param articleId the id {@code freepublish/getarticle} takes
 * @param updateTime when the post was last updated, in Unix seconds
 * @param articles the news articles, first one being the headline
 */
public record Publication(String articleId, long updateTime, List<NewsArticle> articles) {

	public Publication {
		articles = List.copyOf(articles);
	}

}
