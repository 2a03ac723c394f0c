package io.atrium.sandbox.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccountContentTests {

	static final String APP_ID = "wx3a9f5c2e8b7d1046";

	static final String BASE = "http://127.0.0.1:8089/mmbiz";

	private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

	private final AccountContent account = AccountContent.generate(APP_ID, ContentSpec.defaults(), BASE);

	@Test
	void sameAppIdAndSpecGiveTheSameContent() {
		AccountContent again = AccountContent.generate(APP_ID, ContentSpec.defaults(), BASE);
		assertThat(again.publications()).isEqualTo(this.account.publications());
		for (MaterialType type : MaterialType.values()) {
			assertThat(again.materials(type)).isEqualTo(this.account.materials(type));
		}
	}

	@Test
	void contentIsPinnedAcrossJvms() {
		// SHA-256 seeds and SplittableRandom are specified bit for bit: these may only change on purpose.
		Publication newest = this.account.publications().get(0);
		assertThat(newest.articleId()).isEqualTo("GNPA1VvpSLe1VsJOxnA_505DI3dglkNSAUJe4gk7XFs");
		assertThat(newest.updateTime()).isEqualTo(1793340532L);
		assertThat(newest.articles().get(0).title()).isEqualTo("积分兑换升级啦");
	}

	@Test
	void differentAppIdsGiveDifferentContent() {
		AccountContent other = AccountContent.generate("wx0000000000000001", ContentSpec.defaults(), BASE);
		assertThat(other.publications().get(0).articleId())
			.isNotEqualTo(this.account.publications().get(0).articleId());
		assertThat(other.publications()).isNotEqualTo(this.account.publications());
		assertThat(other.materials(MaterialType.IMAGE)).isNotEqualTo(this.account.materials(MaterialType.IMAGE));
	}

	@Test
	void itemsDoNotDependOnTheSizeOfTheAccount() {
		AccountContent smaller = AccountContent.generate(APP_ID, new ContentSpec(5, 2, 1, 1, 1), BASE);
		assertThat(smaller.publications()).isEqualTo(this.account.publications().subList(0, 5));
		assertThat(smaller.materials(MaterialType.IMAGE))
			.isEqualTo(this.account.materials(MaterialType.IMAGE).subList(0, 2));
	}

	@Test
	void postsAreNewestFirst() {
		List<Publication> posts = this.account.publications();
		assertThat(posts).hasSize(24);
		for (int i = 1; i < posts.size(); i++) {
			assertThat(posts.get(i).updateTime()).isLessThan(posts.get(i - 1).updateTime());
		}
		assertThat(posts.get(0).updateTime()).isLessThan(ContentGenerator.BASE_TIME);
	}

	@Test
	void aboutAThirdOfPostsHaveSeveralArticlesWithEmptyDigests() {
		List<Publication> multi = this.account.publications()
			.stream()
			.filter((post) -> post.articles().size() > 1)
			.toList();
		assertThat(multi).hasSize(8);
		for (Publication post : multi) {
			assertThat(post.articles()).hasSizeBetween(2, 4)
				.allSatisfy((article) -> assertThat(article.digest()).isEmpty());
		}
		this.account.publications()
			.stream()
			.filter((post) -> post.articles().size() == 1)
			.forEach((post) -> assertThat(post.articles().get(0).digest()).isNotEmpty().hasSizeLessThanOrEqualTo(54));
	}

	@Test
	void textIsChinese() {
		for (NewsArticle article : allArticles(this.account)) {
			assertThat(article.title()).containsPattern(CJK);
			assertThat(article.author()).containsPattern(CJK);
			assertThat(article.content()).startsWith("<section").contains("<p>", "<strong>").containsPattern(CJK);
		}
	}

	@Test
	void scriptBearingArticleExistsExactlyOnce() {
		List<NewsArticle> scripted = allArticles(this.account).stream()
			.filter((article) -> article.content().contains("<script>"))
			.toList();
		assertThat(scripted).hasSize(1);
		NewsArticle article = scripted.get(0);
		assertThat(article).isSameAs(this.account.publications().get(1).articles().get(0));
		assertThat(article.content()).containsOnlyOnce("<script>alert('xss')</script>")
			.containsOnlyOnce("<img src=x onerror=");
		assertThat(allArticles(this.account)).filteredOn((a) -> a.content().contains("onerror")).hasSize(1);
	}

	@Test
	void exactlyOneArticleIsDeletedInALargerAccount() {
		assertThat(allArticles(this.account)).filteredOn(NewsArticle::deleted).hasSize(1);
		AccountContent small = AccountContent.generate(APP_ID, new ContentSpec(9, 0, 0, 0, 0), BASE);
		assertThat(allArticles(small)).noneMatch(NewsArticle::deleted);
	}

	@Test
	void idsAreUniqueAndLookRealistic() {
		AccountContent big = AccountContent.generate(APP_ID, new ContentSpec(300, 200, 50, 50, 60), BASE);
		List<String> ids = new ArrayList<>();
		big.publications().forEach((post) -> ids.add(post.articleId()));
		for (MaterialType type : MaterialType.values()) {
			big.materials(type).forEach((material) -> ids.add(material.mediaId()));
		}
		allArticles(big).forEach((article) -> ids.add(article.thumbMediaId()));
		assertThat(ids).doesNotHaveDuplicates().allMatch((id) -> id.matches("[A-Za-z0-9_-]{43}"));
		Set<String> urls = new HashSet<>();
		allArticles(big).forEach((article) -> urls.add(article.url()));
		assertThat(urls).hasSize(allArticles(big).size());
	}

	@Test
	void lookupFindsPublishedPostsOnly() {
		Publication third = this.account.publications().get(2);
		assertThat(this.account.article(third.articleId())).containsSame(third);
		assertThat(this.account.article("no-such-article")).isEmpty();
		assertThat(this.account.article(null)).isEmpty();
		assertThat(this.account.article(this.account.materials(MaterialType.NEWS).get(0).mediaId())).isEmpty();
	}

	@Test
	void materialsMatchTheSpec() {
		ContentSpec spec = new ContentSpec(0, 7, 2, 5, 3);
		AccountContent content = AccountContent.generate(APP_ID, spec, BASE);
		for (MaterialType type : MaterialType.values()) {
			assertThat(content.materials(type)).hasSize(spec.count(type));
		}
		assertThat(content.publications()).isEmpty();
		for (Material image : content.materials(MaterialType.IMAGE)) {
			assertThat(((Material.Image) image).name()).matches("[a-z-]+-\\d{2}\\.(png|jpg)");
		}
	}

	@Test
	void noneIsEmpty() {
		AccountContent empty = AccountContent.generate(APP_ID, ContentSpec.none(), BASE);
		assertThat(empty.publications()).isEmpty();
		for (MaterialType type : MaterialType.values()) {
			assertThat(empty.materials(type)).isEmpty();
		}
	}

	@Test
	void imageUrlsLiveUnderTheBaseUrl() {
		AccountContent slashed = AccountContent.generate(APP_ID, ContentSpec.defaults(), BASE + "/");
		assertThat(slashed.publications()).isEqualTo(this.account.publications());
		assertThat(allArticles(this.account)).allSatisfy((article) -> {
			assertThat(article.thumbUrl()).startsWith(BASE + "/mmbiz_").contains("/" + APP_ID + "/cover-");
			assertThat(article.content()).contains("src=\"" + BASE + "/mmbiz_png/" + APP_ID + "/cover-");
		});
	}

	@Test
	void rejectsAppIdsThatCannotBePartOfAUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccountContent.generate("wx/../etc", ContentSpec.defaults(), BASE));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccountContent.generate("", ContentSpec.defaults(), BASE));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccountContent.generate(APP_ID, ContentSpec.defaults(), " "));
	}

	static List<NewsArticle> allArticles(AccountContent content) {
		Stream<NewsArticle> published = content.publications().stream().flatMap((post) -> post.articles().stream());
		Stream<NewsArticle> news = content.materials(MaterialType.NEWS)
			.stream()
			.flatMap((material) -> ((Material.News) material).articles().stream());
		return Stream.concat(published, news).toList();
	}

}
