package io.atrium.console.content;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.atrium.sandbox.content.AccountContent;
import io.atrium.sandbox.content.ContentResponses;
import io.atrium.sandbox.content.ContentSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Article HTML as the console will show it: the sandbox's script-bearing article loses its script and handler,
 * images go through the proxy, ordinary formatting survives; and the usual attacks do not get through.
 */
class ArticleSanitizerTests {

	private static final String IMAGES = "http://127.0.0.1:9090";

	private final ArticleSanitizer sanitizer = new ArticleSanitizer();

	@Test
	void theSandboxsScriptBearingArticleLosesItsScriptAndHandlerAndKeepsItsFormatting() {
		// The second post's first article, exactly as the sandbox's freepublish/batchget answers it.
		String raw = ContentResponses
			.freepublishBatchget(AccountContent.generate("wx5a7c1e9b3d2f4068", ContentSpec.defaults(), IMAGES), 1, 1,
					false)
			.get("item").get(0).get("content").get("news_item").get(0).get("content").asString();
		assertThat(raw).contains("<script>alert('xss')</script>", "onerror=", "data-src=\"" + IMAGES + "/mmbiz_");

		String safe = this.sanitizer.sanitize(raw);

		assertThat(safe).doesNotContainIgnoringCase("<script").doesNotContain("alert(").doesNotContain("onerror");
		assertThat(safe).doesNotContain("data-src").doesNotContain("src=\"" + IMAGES).doesNotContain("src=\"x\"");
		// "&#61;" is how the sanitizer writes "=" inside attributes; the browser asks for /img?u=...
		assertThat(safe).contains("<img ",
				"src=\"/img?u&#61;" + URLEncoder.encode(IMAGES + "/mmbiz_png/wx5a7c1e9b3d2f4068/", StandardCharsets.UTF_8));
		assertThat(safe).contains("<section style=\"margin:0 8px;line-height:1.75\">", "<strong>",
				"<p style=\"text-align:center\">", "<p style=\"color:#888888;font-size:14px\">");
		assertThat(safe).containsPattern("<img [^>]*style=\"width:100%\"");
		assertThat(paragraphs(safe)).as("every paragraph kept").isEqualTo(paragraphs(raw));
	}

	@Test
	void dataSrcWinsOverAPlaceholderSrcAndTheImageIsProxied() {
		String safe = this.sanitizer.sanitize("<p><img data-src=\"https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg\" "
				+ "src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"封面\" data-ratio=\"0.5\"></p>");
		assertThat(safe).isEqualTo("<p><img alt=\"封面\" src=\"/img?u&#61;https%3A%2F%2Fmmbiz.qpic.cn%2Fmmbiz_jpg"
				+ "%2Fabc%2F640%3Fwx_fmt%3Djpeg\" loading=\"lazy\" /></p>");
	}

	@Test
	void imagesWithoutAnHttpUrlAreDropped() {
		assertThat(this.sanitizer.sanitize("<p>a<img src=\"javascript:alert(1)\">b<img src=\"data:image/png;base64,AA\">"
				+ "c<img src=\"x\" onerror=\"alert(1)\">d<img></p>")).isEqualTo("<p>abcd</p>");
	}

	@Test
	void linksOpenInANewTabWithoutReferrerOrOpenerAndScriptUrlsAreRemoved() {
		String safe = this.sanitizer.sanitize("<a href=\"https://mp.weixin.qq.com/s/abc\" target=\"_self\">原文</a>"
				+ "<a href=\"javascript:alert(1)\">坏</a><a href=\"JaVaScRiPt&#58;alert(1)\">也坏</a>"
				+ "<a href=\"data:text/html,<script>alert(1)</script>\">数据</a>");
		assertThat(safe).containsPattern("^<a href=\"https://mp.weixin.qq.com/s/abc\" target=\"_blank\" "
				+ "rel=\"(nofollow|noopener|noreferrer) (nofollow|noopener|noreferrer) (nofollow|noopener|noreferrer)\">原文</a>");
		assertThat(safe).contains("nofollow", "noopener", "noreferrer").doesNotContain("_self");
		assertThat(safe).as("links without a safe URL keep only their text").endsWith("</a>坏也坏数据");
		assertThat(safe).doesNotContainIgnoringCase("javascript").doesNotContain("data:").doesNotContain("<script");
	}

	@Test
	void scriptsHandlersFramesFormsStylesAndSvgAreRemoved() {
		String safe = this.sanitizer.sanitize("<section onclick=\"alert(1)\"><p onmouseover=\"alert(2)\">正文</p>"
				+ "<iframe src=\"https://v.qq.com/x\"></iframe><form action=\"https://evil.example\"><input name=\"p\">"
				+ "<button>提交</button></form><style>body{display:none}</style><svg onload=\"alert(3)\"><circle/></svg>"
				+ "<object data=\"x.swf\"></object><embed src=\"x.swf\"><math><mi>x</mi></math>"
				+ "<p style=\"background-image:url(javascript:alert(4));position:fixed;color:red\">色</p>"
				+ "<noscript><p>ns</p></noscript></section>");
		assertThat(safe).doesNotContain("alert", "onclick", "onmouseover", "<iframe", "<form", "<input", "<style",
				"display:none", "<svg", "<object", "<embed", "url(", "position", "<script", "<noscript");
		assertThat(safe).contains("<section><p>正文</p>", "<p style=\"color:red\">色</p>");
	}

	@Test
	void stylesThatFetchRunOrLeaveTheArticleAreDroppedWhileColourSizeAndAlignmentSurvive() {
		// The article page applies style attributes (its CSP allows them), so this is all that stands between an
		// article and the console around it: no fetching, no script, nothing positioned over the navigation.
		assertThat(style("color:#576b95;font-size:17px;text-align:center;line-height:1.75;margin:0 8px"))
			.isEqualTo("color:#576b95;font-size:17px;text-align:center;line-height:1.75;margin:0 8px");
		assertThat(style("color:rgb(62, 62, 62);font-weight:bold;letter-spacing:1.5px;background-color:#fff"))
			.isEqualTo("color:rgb( 62 , 62 , 62 );font-weight:bold;letter-spacing:1.5px;background-color:#fff");
		assertThat(style("background-image:url(https://evil.example/track.png)")).isNull();
		assertThat(style("background:#fff url(https://evil.example/a.png) no-repeat")).isEqualTo("background:#fff no-repeat");
		assertThat(style("list-style:url(https://evil.example/a.png) disc")).isEqualTo("list-style:disc");
		assertThat(style("background:u\\72l(https://evil.example/a.png)")).isNull();
		assertThat(style("width:expression(alert(1))")).isNull();
		assertThat(style("color:\\65 xpression(alert(1))")).isNull();
		assertThat(style("behavior:url(x.htc);-moz-binding:url(x.xml#xss)")).isNull();
		assertThat(style("position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999")).isEqualTo("width:100%;height:100%");
		assertThat(style("position:absolute")).isNull();
		assertThat(style("POSITION:FIXED")).isNull();
		assertThat(style("posi\\tion:fixed")).isNull();
		assertThat(style("margin-top:-9999px;transform:translate(0,-500px);float:left;display:block")).isNull();
		assertThat(style("color:red;behavior:url(x.htc);font-size:14px")).isEqualTo("color:red;font-size:14px");
	}

	@Test
	void aScriptTagSplitAroundAnotherComesOutAsInertText() {
		assertThat(this.sanitizer.sanitize("<p><scr<script>ipt>alert(5)</script>x</p>")).isEqualTo("<p>ipt&gt;alert(5)x</p>");
	}

	@Test
	void tablesListsQuotesAndHeadingsSurvive() {
		String html = "<h2>标题</h2><blockquote><p>引用</p></blockquote><ul><li>一</li><li>二</li></ul>"
				+ "<ol><li>甲</li></ol><table><thead><tr><th colspan=\"2\">表</th></tr></thead>"
				+ "<tbody><tr><td rowspan=\"1\">1</td><td>2</td></tr></tbody></table><p>行<br />末<em>斜</em><span style=\"color:#576b95\">跨</span></p>";
		assertThat(this.sanitizer.sanitize(html)).isEqualTo(html);
	}

	@Test
	void nothingIsEmpty() {
		assertThat(this.sanitizer.sanitize(null)).isEmpty();
		assertThat(this.sanitizer.sanitize("")).isEmpty();
	}

	/** The style attribute a paragraph keeps, or null when it keeps none. */
	private String style(String css) {
		String safe = this.sanitizer.sanitize("<p style=\"" + css + "\">x</p>");
		assertThat(safe).endsWith(">x</p>").doesNotContain("url(", "expression", "behavior", "position");
		return safe.equals("<p>x</p>") ? null : safe.substring("<p style=\"".length(), safe.indexOf("\">x</p>"));
	}

	private static int paragraphs(String html) {
		return html.split("<p[ >]", -1).length - 1;
	}

}
