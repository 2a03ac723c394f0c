package io.atrium.console.content;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.atrium.console.image.ImageProxyLinks;
import org.owasp.html.AttributePolicy;
import org.owasp.html.CssSchema;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import org.springframework.stereotype.Component;

/**
 * Makes WeChat article HTML ({@code news_item[].content}) safe to put into a console page, with the OWASP Java
 * HTML Sanitizer. Kept: what articles are made of (sections, paragraphs, headings, emphasis, lists, quotes,
 * tables, figures, images, links) and inline styles the sanitizer's default CSS schema accepts (colours, fonts,
 * spacing, alignment, borders), which the article page applies. That schema drops everything that could fetch,
 * run or leave the article's box: {@code url()}, {@code expression()}, {@code behavior}, {@code position},
 * {@code z-index}, transforms, floats, negative margins; what it keeps that paints beyond an element (shadows,
 * outlines, text-indent) is clipped by {@code .article-body}. Dropped: scripts and their text, event handlers,
 * iframes, forms, embedded objects, {@code <style>} and SVG, and any URL that is not http(s) or mailto. Links open
 * in a new tab with {@code rel="nofollow noopener noreferrer"}. Images go through the console's image proxy:
 * WeChat refuses other sites' referers, and articles often carry the real URL in {@code data-src} with a
 * placeholder in {@code src}, so {@code data-src} wins; an image without an http(s) URL is dropped. The output is
 * HTML: an attribute's {@code =} may come out as {@code &#61;}, which browsers read as {@code =}.
 */
@Component
public class ArticleSanitizer {

	private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,4}");

	private static final Pattern DIMENSION = Pattern.compile("[0-9]{1,5}(px|%)?");

	/** Rewrites an http(s) image URL to its proxy link; anything else (data:, javascript:, relative) is dropped. */
	private static final AttributePolicy PROXIED_IMAGE = (element, attribute, value) -> proxied(value);

	private static final ElementPolicy IMAGE = (element, attributes) -> {
		String src = take(attributes, "src");
		String dataSrc = take(attributes, "data-src");
		String chosen = (dataSrc != null) ? dataSrc : src;
		if (chosen == null) {
			return null;
		}
		attributes.add("src");
		attributes.add(chosen);
		attributes.add("loading");
		attributes.add("lazy");
		return element;
	};

	/** A link that lost its {@code href} (javascript:, data:) is dropped, its text kept. */
	private static final ElementPolicy NEW_TAB = (element, attributes) -> {
		if (!attributes.contains("href")) {
			return null;
		}
		take(attributes, "target");
		attributes.add("target");
		attributes.add("_blank");
		return element;
	};

	private final PolicyFactory policy = new HtmlPolicyBuilder()
		.allowElements("section", "article", "div", "p", "span", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
				"strong", "b", "em", "i", "u", "s", "strike", "del", "ins", "sub", "sup", "small", "mark", "blockquote",
				"q", "cite", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "colgroup", "col",
				"thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption")
		.allowAttributes("title").globally()
		.allowAttributes("align").matching(true, "left", "center", "right", "justify").globally()
		.allowAttributes("colspan", "rowspan").matching(SMALL_NUMBER).onElements("td", "th")
		.allowAttributes("span").matching(SMALL_NUMBER).onElements("col", "colgroup")
		.allowAttributes("start").matching(SMALL_NUMBER).onElements("ol")
		.allowStyling(CssSchema.DEFAULT)
		.allowElements(NEW_TAB, "a")
		.allowAttributes("href").onElements("a")
		.allowAttributes("target").matching(true, "_blank").onElements("a")
		.requireRelsOnLinks("nofollow", "noopener", "noreferrer")
		.allowElements(IMAGE, "img")
		.allowAttributes("src", "data-src").matching(PROXIED_IMAGE).onElements("img")
		.allowAttributes("alt").onElements("img")
		.allowAttributes("width", "height").matching(DIMENSION).onElements("img", "td", "th", "table", "col")
		.allowUrlProtocols("https", "http", "mailto")
		.toFactory();

	/**
	 * @param html an article's HTML as WeChat answers it; null is treated as empty
	 * @return HTML safe to write into a page unescaped
	 */
	public String sanitize(String html) {
		return (html != null) ? this.policy.sanitize(html) : "";
	}

	private static String proxied(String value) {
		try {
			URI uri = URI.create(value.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
				return ImageProxyLinks.of(uri.toString());
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URL: dropped
		}
		return null;
	}

	/** Removes an attribute from OWASP's name/value list and answers its value, or null. */
	private static String take(List<String> attributes, String name) {
		for (int i = 0; i < attributes.size(); i += 2) {
			if (attributes.get(i).equals(name)) {
				String value = attributes.get(i + 1);
				attributes.remove(i + 1);
				attributes.remove(i);
				return value;
			}
		}
		return null;
	}

}
