package io.atrium.console.onboarding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onboarding page's QR code reads back as the link: the SVG is drawn back into pixels and decoded.
 */
class QrCodeTests {

	@Test
	void svgDecodesToTheLink() throws Exception {
		String link = "https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=wxd3a0000000de0001"
				+ "&pre_auth_code=preauthcode%40%40%40abc&redirect_uri=https%3A%2F%2Fatrium.example%2Fwechat%2F"
				+ "authorization%2Freturn%3Fstate%3Dv1.1.x&auth_type=1";
		String uri = QrCode.svgDataUri(link);
		assertThat(uri).startsWith("data:image/svg+xml;base64,");
		String svg = new String(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)),
				StandardCharsets.UTF_8);
		assertThat(Scanner.decode(svg)).isEqualTo(link);
	}

	/** Renders the SVG's unit squares at 4 px per module and decodes them with ZXing's reader. */
	static final class Scanner {

		static String decode(String svg) throws Exception {
			Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
			assertThat(box.find()).isTrue();
			int scale = 4;
			int width = Integer.parseInt(box.group(1)) * scale;
			int height = Integer.parseInt(box.group(2)) * scale;
			byte[] pixels = new byte[width * height];
			Arrays.fill(pixels, (byte) 0xFF);
			Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
			while (module.find()) {
				int x = Integer.parseInt(module.group(1));
				int y = Integer.parseInt(module.group(2));
				for (int dy = 0; dy < scale; dy++) {
					for (int dx = 0; dx < scale; dx++) {
						pixels[(y * scale + dy) * width + x * scale + dx] = 0;
					}
				}
			}
			LuminanceSource source = new LuminanceSource(width, height) {

				@Override
				public byte[] getRow(int y, byte[] row) {
					byte[] copy = (row != null && row.length >= width) ? row : new byte[width];
					System.arraycopy(pixels, y * width, copy, 0, width);
					return copy;
				}

				@Override
				public byte[] getMatrix() {
					return pixels;
				}

			};
			return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
		}

	}

}
