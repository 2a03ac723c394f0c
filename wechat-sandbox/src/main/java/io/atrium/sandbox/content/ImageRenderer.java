package io.atrium.sandbox.content;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders the images that {@link AccountContent} links to: small abstract pictures (a gradient, a few
 * translucent circles and bars) whose colours and layout follow from the key, so the same key always gives the
 * same bytes.
 *
 * <p>
 * URL scheme: every image URL in the content is {@code {imageBaseUrl}/<key>?wx_fmt=<png|jpeg>}, after WeChat's
 * {@code https://mmbiz.qpic.cn/mmbiz_jpg/<hash>/0?wx_fmt=jpeg}, where the key is
 * <pre>
 * mmbiz_png/&lt;appid&gt;/&lt;shape&gt;-&lt;token&gt;/0   PNG
 * mmbiz_jpg/&lt;appid&gt;/&lt;shape&gt;-&lt;token&gt;/0   JPEG
 * </pre>
 * with {@code shape} {@code cover} (320x180, article covers and inline images) or {@code square} (200x200, image
 * materials), and {@code appid} and {@code token} of 1 to 64 characters {@code [A-Za-z0-9_-]}. The sandbox serves
 * {@code GET {imageBaseUrl}/<key>} by calling {@link #render(String)}; a leading {@code /} and a query string on
 * the key are ignored. Any key of that form renders, generated or not: the pixels need no account state.
 *
 * <p>
 * Pixels are written straight into a {@link BufferedImage} raster (no {@code Graphics2D}, no fonts), so rendering
 * needs no display and gives the same bytes on every machine. Thread-safe; rendered images are kept in a small
 * LRU cache.
 */
public final class ImageRenderer {

	private static final int DEFAULT_CACHE_SIZE = 256;

	private static final float JPEG_QUALITY = 0.85f;

	private final Map<String, Image> cache;

	/** A renderer that keeps the 256 most recently rendered images. */
	public ImageRenderer() {
		this(DEFAULT_CACHE_SIZE);
	}

	/** A renderer that keeps at most {@code cacheSize} rendered images (0 to cache nothing). */
	public ImageRenderer(int cacheSize) {
		if (cacheSize < 0) {
			throw new IllegalArgumentException("cacheSize must not be negative");
		}
		this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
				return size() > cacheSize;
			}

		});
	}

	/**
	 * Renders the image for a key (the part of an image URL after the image base URL).
	 * @param key for example {@code mmbiz_jpg/wx0123456789abcdef/cover-Q2xhc3NpYw/0}
	 * @return the encoded image, or empty if the key does not follow the URL scheme
	 */
	public Optional<Image> render(String key) {
		return ImageKey.parse(key).map((imageKey) -> {
			String path = imageKey.path();
			Image image = this.cache.get(path);
			if (image == null) {
				// Rendering is deterministic: a concurrent duplicate only costs time.
				image = encode(imageKey, paint(imageKey));
				this.cache.put(path, image);
			}
			return image;
		});
	}

	private static BufferedImage paint(ImageKey key) {
		int width = key.shape().width;
		int height = key.shape().height;
		SplittableRandom random = Seeds.random("image", key.path());
		float hue = random.nextInt(360) / 360f;
		int from = Color.HSBtoRGB(hue, 0.45f + random.nextInt(30) / 100f, 0.80f + random.nextInt(16) / 100f);
		int to = Color.HSBtoRGB(hue + 0.08f + random.nextInt(18) / 100f, 0.55f + random.nextInt(30) / 100f,
				0.40f + random.nextInt(25) / 100f);
		double angle = random.nextDouble() * Math.PI;
		double dx = StrictMath.cos(angle);
		double dy = StrictMath.sin(angle);
		double min = Math.min(0, dx * width) + Math.min(0, dy * height);
		double span = Math.abs(dx * width) + Math.abs(dy * height);
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				pixels[y * width + x] = mix(from, to, (x * dx + y * dy - min) / span);
			}
		}
		int shapes = 3 + random.nextInt(4);
		for (int i = 0; i < shapes; i++) {
			int color = Color.HSBtoRGB(hue + random.nextInt(60) / 100f, 0.3f + random.nextInt(50) / 100f,
					0.6f + random.nextInt(40) / 100f);
			double alpha = 0.35 + random.nextInt(35) / 100.0;
			if (random.nextBoolean()) {
				circle(pixels, width, height, random.nextInt(width), random.nextInt(height),
						height / 10 + random.nextInt(height / 3), color, alpha);
			}
			else {
				int x0 = random.nextInt(width);
				int y0 = random.nextInt(height);
				rectangle(pixels, width, height, x0, y0, x0 + width / 8 + random.nextInt(width / 2),
						y0 + height / 12 + random.nextInt(height / 4), color, alpha);
			}
		}
		if (key.shape() == ImageKey.Shape.COVER) {
			// A dark band where a real cover would carry its headline.
			rectangle(pixels, width, height, 0, height * 3 / 4, width, height, 0x000000, 0.35);
		}
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, width, height, pixels, 0, width);
		return image;
	}

	private static void circle(int[] pixels, int width, int height, int cx, int cy, int r, int color, double alpha) {
		for (int y = Math.max(0, cy - r); y < Math.min(height, cy + r + 1); y++) {
			for (int x = Math.max(0, cx - r); x < Math.min(width, cx + r + 1); x++) {
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
					pixels[y * width + x] = mix(pixels[y * width + x], color, alpha);
				}
			}
		}
	}

	private static void rectangle(int[] pixels, int width, int height, int x0, int y0, int x1, int y1, int color,
			double alpha) {
		for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
			for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
				pixels[y * width + x] = mix(pixels[y * width + x], color, alpha);
			}
		}
	}

	private static int mix(int from, int to, double t) {
		int r = channel(from >> 16, to >> 16, t);
		int g = channel(from >> 8, to >> 8, t);
		int b = channel(from, to, t);
		return (r << 16) | (g << 8) | b;
	}

	private static int channel(int from, int to, double t) {
		return (int) Math.round((from & 0xFF) + ((to & 0xFF) - (from & 0xFF)) * t);
	}

	private static Image encode(ImageKey key, BufferedImage image) {
		ImageKey.Format format = key.format();
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName);
		if (!writers.hasNext()) {
			throw new IllegalStateException("No ImageIO writer for " + format.imageIoName);
		}
		ImageWriter writer = writers.next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
		// An in-memory stream: ImageIO.write would spill to a temporary file when ImageIO's disk cache is on.
		try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (format == ImageKey.Format.JPEG) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(JPEG_QUALITY);
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not encode " + key.path(), ex);
		}
		finally {
			writer.dispose();
		}
		return new Image(bytes.toByteArray(), format.contentType, image.getWidth(), image.getHeight());
	}

	/**
	 * An encoded image.
	 *
	 * @param bytes the PNG or JPEG file
	 * @param contentType {@code image/png} or {@code image/jpeg}
	 * @param width the width in pixels
	 * @param height the height in pixels
	 */
	public record Image(byte[] bytes, String contentType, int width, int height) {

		public Image {
			bytes = bytes.clone();
		}

		/** A copy of the encoded bytes: the image stays shared and unchanged in the cache. */
		@Override
		public byte[] bytes() {
			return this.bytes.clone();
		}

		@Override
		public boolean equals(Object other) {
			return (this == other) || (other instanceof Image that && Arrays.equals(this.bytes, that.bytes)
					&& this.contentType.equals(that.contentType) && this.width == that.width
					&& this.height == that.height);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.bytes) + this.contentType.hashCode();
		}

		@Override
		public String toString() {
			return "Image[" + this.contentType + ", " + this.width + "x" + this.height + ", " + this.bytes.length
					+ " bytes]";
		}

	}

}
