package io.atrium.sandbox.content;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a sandbox image lives: {@code mmbiz_<png|jpg>/<appid>/<cover|square>-<token>/0}, modelled on WeChat's
 * {@code mmbiz.qpic.cn/mmbiz_jpg/<hash>/0?wx_fmt=jpeg}. The path alone decides the pixels, so the renderer needs
 * no account state.
 */
record ImageKey(Format format, String appId, Shape shape, String token) {

	/** Both the appid and the token are one path segment each. */
	static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	ImageKey {
		if (!SEGMENT.matcher(appId).matches() || !SEGMENT.matcher(token).matches()) {
			throw new IllegalArgumentException("Not a valid image key segment: " + appId + " / " + token);
		}
	}

	/**
	 * Parses the part of an image URL after the image base URL. A leading {@code /} and a query string (such as
	 * {@code ?wx_fmt=png}) are ignored.
	 */
	static Optional<ImageKey> parse(String key) {
		if (key == null || key.length() > 256) {
			return Optional.empty();
		}
		String path = key.startsWith("/") ? key.substring(1) : key;
		int query = path.indexOf('?');
		if (query >= 0) {
			path = path.substring(0, query);
		}
		String[] segments = path.split("/", -1);
		if (segments.length != 4 || !segments[3].equals("0")) {
			return Optional.empty();
		}
		Format format = Format.fromSegment(segments[0]);
		int dash = segments[2].indexOf('-');
		Shape shape = (dash > 0) ? Shape.fromPrefix(segments[2].substring(0, dash)) : null;
		if (format == null || shape == null) {
			return Optional.empty();
		}
		String appId = segments[1];
		String token = segments[2].substring(dash + 1);
		if (!SEGMENT.matcher(appId).matches() || !SEGMENT.matcher(token).matches()) {
			return Optional.empty();
		}
		return Optional.of(new ImageKey(format, appId, shape, token));
	}

	/** The key without query string: what {@link ImageRenderer#render(String)} takes. */
	String path() {
		return this.format.segment + "/" + this.appId + "/" + this.shape.prefix + "-" + this.token + "/0";
	}

	/** The full URL under the given base, with the {@code wx_fmt} query WeChat's image URLs carry. */
	String url(String imageBaseUrl) {
		return imageBaseUrl + "/" + path() + "?wx_fmt=" + this.format.wxFmt;
	}

	enum Format {

		PNG("mmbiz_png", "png", "png", "image/png"), JPEG("mmbiz_jpg", "jpeg", "jpeg", "image/jpeg");

		final String segment;

		final String wxFmt;

		final String imageIoName;

		final String contentType;

		Format(String segment, String wxFmt, String imageIoName, String contentType) {
			this.segment = segment;
			this.wxFmt = wxFmt;
			this.imageIoName = imageIoName;
			this.contentType = contentType;
		}

		static Format fromSegment(String segment) {
			for (Format format : values()) {
				if (format.segment.equals(segment)) {
					return format;
				}
			}
			return null;
		}

	}

	enum Shape {

		/** 16:9, for article covers and inline body images. */
		COVER("cover", 320, 180),

		/** For image materials. */
		SQUARE("square", 200, 200);

		final String prefix;

		final int width;

		final int height;

		Shape(String prefix, int width, int height) {
			this.prefix = prefix;
			this.width = width;
			this.height = height;
		}

		static Shape fromPrefix(String prefix) {
			for (Shape shape : values()) {
				if (shape.prefix.equals(prefix)) {
					return shape;
				}
			}
			return null;
		}

	}

}
