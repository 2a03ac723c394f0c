package io.atrium.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WeChatMessageCrypto}, against the vectors of protocol reference §4.6 (copied verbatim).
 */
class WeChatMessageCryptoTests {

	// Vector A: the official Official Account sample, as reproduced in WxJava's tests.

	private static final String A_TIMESTAMP = "1409304348";

	private static final String A_NONCE = "xxxxxx";

	private static final String A_RANDOM = "aaaabbbbccccdddd";

	private static final String A1_PLAINTEXT = "我是中文abcd123";

	private static final String A1_ENCRYPT =
			"jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

	private static final String A2_PLAINTEXT =
			"<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName>"
			+ "<![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType>"
			+ "<![CDATA[video]]></MsgType><Video><MediaId>"
			+ "<![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId>"
			+ "<Title><![CDATA[testCallBackReplyVideo]]></Title><Description>"
			+ "<![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";

	private static final String A2_ENCRYPT =
			"jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlk"
			+ "upqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5"
			+ "nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJuc"
			+ "QHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92"
			+ "vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+Rd"
			+ "xSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8"
			+ "xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkd"
			+ "PrEeOwofJb";

	// Vector E: the official third-party-platform example; G1-G3 use its token, key and component appid.

	private static final String COMPONENT_APPID = "wx134c8103faa5a59e";

	/** 43 x 'A' decodes to 32 zero bytes, so tests can build ciphertexts by hand with a zero key and IV. */
	private static final String COMPONENT_KEY = "A".repeat(43);

	private static final String E_ENCRYPT =
			"D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//"
			+ "1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN"
			+ "8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ook"
			+ "XIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFD"
			+ "MVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIa"
			+ "R9P4xQrWXbsTFHTYe0Mg==";

	private static final String E_BODY = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA["
			+ E_ENCRYPT + "]]></Encrypt></xml>";

	private static final String E_PLAINTEXT =
			"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName>"
			+ "<![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>"
			+ "1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event>"
			+ "<![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>";

	private static final String E_REPLY_PLAINTEXT = "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>";

	private static final String E_REPLY_ENCRYPT =
			"hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZb"
			+ "SvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7";

	private static final String G1_PLAINTEXT =
			"<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><CreateTime>1413192605</CreateTime>"
			+ "<InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket>"
			+ "<![CDATA[ticket@@@test_ticket_value]]></ComponentVerifyTicket></xml>";

	private static final String G1_ENCRYPT =
			"uMMzGtqcnpOzXOYBwDQNrXvDiY/zDBsAE0y2vLgY6pubJj5w+DkE+Ri4kYsyr09eGAw4aZHEvs2hiT6Mi1ttnfNLqk"
			+ "6+QoONWUCDiE11oZxwXOfxWgp+5FWbd/77bPfSYDZhdEY7UTIKSB3vIj8VVQi5lPRDztRX0A4NxmUEmayR1UwLLFsG"
			+ "xZXWILEyAxfPtLgIEWMKTlV+y7uOQYQfJ/ev1ONUNouxAKLMEx1LJ3RugDxo93sFf/9OL8J0qKkvAZW0fcJOCLgo/0"
			+ "tM6Vd4d19tFoJajYgM//BhO7nQuRdOHF/cqZ93TNXw2YiHEDi5jjiJszA1NtOVKAZfz1Gbx3Enez/7mhhDWxZBX9eL"
			+ "ywb9aY4OZ7VC1aLpwa9P7HG+";

	private static final String G2_PLAINTEXT =
			"<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><CreateTime>1413192760</CreateTime>"
			+ "<InfoType><![CDATA[authorized]]></InfoType><AuthorizerAppid><![CDATA[wxf8b4f85f3a794e77]]>"
			+ "</AuthorizerAppid><AuthorizationCode><![CDATA[queryauthcode@@@test_auth_code]]>"
			+ "</AuthorizationCode><AuthorizationCodeExpiredTime>"
			+ "1413196360</AuthorizationCodeExpiredTime><PreAuthCode>"
			+ "<![CDATA[preauthcode@@@test_pre_auth_code]]></PreAuthCode></xml>";

	private static final String G2_ENCRYPT =
			"xAawnM/moRUUcoQMzrwRydzEjHeT1vWIDesDoVVOvBZl7e9FpEhfPXqlYiPfyPMP2IvFybvzcQI1qWws/DWKug5AZx"
			+ "0Clm9uS3uXqTy/ctIVEonb3XXudRx73DpomhwcaicDR55Ir/IVT5cE2aBm336cB1MSYOrTMQijWWoZWZpSmsK8pbS+"
			+ "6ltlSVFT3FtK5VYgBk1WEX1ass4HwG/VFuPDj3HW7xm8egBawVQo5TQVuajI26JxNsjAJivFCniU+9ZEk27jctrho1"
			+ "N7veA+Kj4OZqrjdOWnLmz90IMVIH/t8MJ14bsSVQ7FKbg13/ZRxPYwY+M865NtzY0JPzExMH0FeOpJg50XD81z3k6S"
			+ "INb65xidG34dSQTbly1+HopddyhS2Nl/IAbXzOpV0vNaix6QDlHyU1WwbNs9rGGHTWtYlfYk5KVls/X31EctQLUgsD"
			+ "sYeyFWB5obF6XWtkY1N/vQwHr6NXpwOKR/mb9u61vP4JUersPNhHpB4EU5ZyJpuLr6f+w7wi8T1amuNdjAF+2hiywZ"
			+ "G+HziE3GCqQoeD0wphbyGtkeB4zayKoeHiw9QnMJXncvJd8Ms4vwb4JCZnJjenfnZhjQowNN0K7KUB8RzZuZFW/iiH"
			+ "JPaeOzLAnZ";

	private static final String G3_PLAINTEXT =
			"<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><CreateTime>1413192800</CreateTime>"
			+ "<InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid>"
			+ "<![CDATA[wxf8b4f85f3a794e77]]></AuthorizerAppid></xml>";

	private static final String G3_ENCRYPT =
			"DskVKDMGxFWLGSYszL/mEZfJKxVXFiRQkYX73JA4/tOXDCRkwdv4oUUzNmBTDnwM2mYnmZecUC3gw+xlOsWVStsgLm"
			+ "oh6KMtxEsH81JV7qCUIhRDLZ960heWQlJWP/DTOOkx4YwKuk+DAhwZeT4vXeWoA7qMoa7+1F2UbeOy0ccnFTHr8FZz"
			+ "RWaDxl9/4CS6rSvWDHWt6aHaTvVvPNhiHCjsq6siV1NF6PJ3M599Q2OzxQnExug3pOURVFb18XkUk/u2NqHozNLs2n"
			+ "Qyd3eRc4Ofsy2kDfS9T1qvLh10ui12ZH0Otc7T+v/bUACIYudJp6mTQGPYoQGzUVnjnqdrSA==";
	private final WeChatMessageCrypto officialAccount = new WeChatMessageCrypto("pamtest",
			"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

	private final WeChatMessageCrypto component = new WeChatMessageCrypto("AAAAA", COMPONENT_KEY, COMPONENT_APPID);

	@Test
	void vectorA1EncryptsByteForByte() {
		assertThat(this.officialAccount.encrypt(A_RANDOM, A1_PLAINTEXT)).isEqualTo(A1_ENCRYPT);
	}

	@Test
	void vectorA1Decrypts() {
		assertThat(this.officialAccount.decrypt(A1_ENCRYPT)).isEqualTo(A1_PLAINTEXT);
	}

	@Test
	void vectorA1MsgSignature() {
		assertThat(this.officialAccount.msgSignature(A_TIMESTAMP, A_NONCE, A1_ENCRYPT))
			.isEqualTo("82c962d39941aa48552f90ef55aa323dc620cc10");
	}

	@Test
	void vectorA2EncryptsByteForByte() {
		assertThat(this.officialAccount.encrypt(A_RANDOM, A2_PLAINTEXT)).isEqualTo(A2_ENCRYPT);
	}

	@Test
	void vectorA2Decrypts() {
		assertThat(this.officialAccount.decrypt(A2_ENCRYPT)).isEqualTo(A2_PLAINTEXT);
	}

	@Test
	void vectorA2OpensWithItsSignature() {
		String signature = this.officialAccount.msgSignature(A_TIMESTAMP, A_NONCE, A2_ENCRYPT);
		assertThat(this.officialAccount.open(envelope(A2_ENCRYPT), A_TIMESTAMP, A_NONCE, signature))
			.isEqualTo(A2_PLAINTEXT);
	}

	@Test
	void vectorASignature12345IsRejected() {
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.officialAccount.open(envelope(A2_ENCRYPT), A_TIMESTAMP, A_NONCE, "12345"));
	}

	@Test
	void vectorEOpensTheOfficialPush() {
		assertThat(this.component.open(E_BODY, "1715943329", "1590219412", "6c12a4205838198b8fa631b3220723bb07f1015c"))
			.isEqualTo(E_PLAINTEXT);
	}

	@Test
	void vectorEOpensTheOfficialPushPrettyPrinted() {
		// The doc shows the envelope indented over several lines.
		String body = "<xml>\n    <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n    <Encrypt><![CDATA["
				+ E_ENCRYPT + "]]></Encrypt>\n</xml>\n";
		assertThat(this.component.open(body, "1715943329", "1590219412", "6c12a4205838198b8fa631b3220723bb07f1015c"))
			.isEqualTo(E_PLAINTEXT);
	}

	@Test
	void vectorEDecryptsToTheComponentAppid() {
		byte[] padded = decryptWithZeroKey(E_ENCRYPT);
		assertThat(new String(padded, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("1205899eaf019bbd");
		assertThat(ByteBuffer.wrap(padded, 16, 4).getInt()).isEqualTo(292);
		assertThat(this.component.decrypt(E_ENCRYPT)).isEqualTo(E_PLAINTEXT);
	}

	@Test
	void vectorESignatures() {
		assertThat(this.component.msgSignature("1715943329", "1590219412", E_ENCRYPT))
			.isEqualTo("6c12a4205838198b8fa631b3220723bb07f1015c");
		assertThat(this.component.urlSignature("1715943329", "1590219412"))
			.isEqualTo("cc0c594499c1634947d5b502f158ee518947db27");
	}

	@Test
	void vectorEReplyEncryptsByteForByte() {
		assertThat(this.component.encrypt("999951349e8ee746", E_REPLY_PLAINTEXT)).isEqualTo(E_REPLY_ENCRYPT);
		assertThat(this.component.msgSignature("1713424427", "415670741", E_REPLY_ENCRYPT))
			.isEqualTo("03e0812039325c2712ef5f0f980fd14c70d6e307");
	}

	@Test
	void vectorEReplyEnvelope() {
		String reply = this.component.sealReply("999951349e8ee746", E_REPLY_PLAINTEXT, "1713424427", "415670741");
		assertThat(reply).isEqualTo("<xml>\n<Encrypt><![CDATA[" + E_REPLY_ENCRYPT + "]]></Encrypt>\n"
				+ "<MsgSignature><![CDATA[03e0812039325c2712ef5f0f980fd14c70d6e307]]></MsgSignature>\n"
				+ "<TimeStamp>1713424427</TimeStamp>\n<Nonce><![CDATA[415670741]]></Nonce>\n</xml>");
		WeChatXml xml = WeChatXml.parse(reply);
		assertThat(this.component.open(reply, xml.require("TimeStamp"), xml.require("Nonce"),
				xml.require("MsgSignature")))
			.isEqualTo(E_REPLY_PLAINTEXT);
	}

	@Test
	void sealReplyUsesAFreshRandomPrefix() {
		String first = this.component.sealReply(E_REPLY_PLAINTEXT, "1713424427", "415670741");
		String second = this.component.sealReply(E_REPLY_PLAINTEXT, "1713424427", "415670741");
		assertThat(first).isNotEqualTo(second);
		assertThat(this.component.open(second, "1713424427", "415670741",
				WeChatXml.parse(second).require("MsgSignature")))
			.isEqualTo(E_REPLY_PLAINTEXT);
	}

	@ParameterizedTest
	@MethodSource("componentVectors")
	void sealReproducesComponentVector(Vector vector) {
		EncryptedPush push = this.component.seal(vector.random16(), vector.plaintext(), vector.timestamp(),
				vector.nonce());
		assertThat(push.body()).isEqualTo("<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><Encrypt><![CDATA["
				+ vector.encrypt() + "]]></Encrypt></xml>");
		assertThat(push.timestamp()).isEqualTo(vector.timestamp());
		assertThat(push.nonce()).isEqualTo(vector.nonce());
		assertThat(push.signature()).isEqualTo(vector.signature());
		assertThat(push.msgSignature()).isEqualTo(vector.msgSignature());
		assertThat(push.queryString()).isEqualTo("signature=" + vector.signature() + "&timestamp=" + vector.timestamp()
				+ "&nonce=" + vector.nonce() + "&encrypt_type=aes&msg_signature=" + vector.msgSignature());
	}

	@ParameterizedTest
	@MethodSource("componentVectors")
	void openDecryptsComponentVector(Vector vector) {
		String body = "<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><Encrypt><![CDATA[" + vector.encrypt()
				+ "]]></Encrypt></xml>";
		assertThat(this.component.open(body, vector.timestamp(), vector.nonce(), vector.msgSignature()))
			.isEqualTo(vector.plaintext());
		assertThat(this.component.decrypt(vector.encrypt())).isEqualTo(vector.plaintext());
		assertThat(this.component.msgSignature(vector.timestamp(), vector.nonce(), vector.encrypt()))
			.isEqualTo(vector.msgSignature());
		assertThat(this.component.urlSignature(vector.timestamp(), vector.nonce())).isEqualTo(vector.signature());
		assertThat(new String(decryptWithZeroKey(vector.encrypt()), 0, 16, StandardCharsets.US_ASCII))
			.isEqualTo(vector.random16());
	}

	static Stream<Vector> componentVectors() {
		return Stream.of(
				new Vector("G1 component_verify_ticket", "0123456789abcdef", "1413192605", "1320562132", G1_PLAINTEXT,
						G1_ENCRYPT, "1d1d54d04e8b3ed4570fc94528aed631fdbe9bde",
						"62a705cd71e474f2c87fcbb4eb09ab7b87542736"),
				new Vector("G2 authorized", "fedcba9876543210", "1413192760", "298025754", G2_PLAINTEXT, G2_ENCRYPT,
						"ea202cf01b0dd6bdbbca8b1e60033c7798f450cc", "965f954323e6fc05c83a59c2acd14a7378ce157c"),
				new Vector("G3 unauthorized", "aaaabbbbccccdddd", "1413192800", "437374425", G3_PLAINTEXT, G3_ENCRYPT,
						"c11cb744ac7924629ccc634b8a5640a4c6383f43", "653f526e276668a8278b32aca181dfdb125d3c46"));
	}

	@Test
	void sealAndOpenRoundTripChineseText() {
		String plaintext = "<xml><Content><![CDATA[" + "你好，世界！公众号第三方平台。".repeat(20)
				+ "😀]]></Content></xml>";
		EncryptedPush push = this.component.seal(plaintext, "1700000000", "123456");
		assertThat(Base64.getDecoder().decode(WeChatXml.parse(push.body()).require("Encrypt")).length)
			.isGreaterThan(10 * 32);
		assertThat(this.component.open(push.body(), push.timestamp(), push.nonce(), push.msgSignature()))
			.isEqualTo(plaintext);
	}

	@Test
	void roundTripPadsEveryLengthTo32ByteBlocks() {
		for (int length = 0; length <= 100; length++) {
			String plaintext = "x".repeat(length);
			byte[] padded = decryptWithZeroKey(this.component.encrypt(plaintext));
			int unpadded = 16 + 4 + length + COMPONENT_APPID.length();
			int pad = padded[padded.length - 1];
			assertThat(padded.length % 32).isZero();
			assertThat(pad).isBetween(1, 32).isEqualTo(padded.length - unpadded);
			assertThat(this.component.decrypt(this.component.encrypt(plaintext))).isEqualTo(plaintext);
		}
	}

	@Test
	void alignedMessageGetsAFull32BytePad() {
		// 16 random + 4 length + 26 message + 18 appid = 64 bytes, already a multiple of 32.
		String plaintext = "abcdefghijklmnopqrstuvwxyz";
		byte[] padded = decryptWithZeroKey(this.component.encrypt(plaintext));
		assertThat(padded).hasSize(96);
		byte[] pad = Arrays.copyOfRange(padded, 64, 96);
		byte[] fullPad = new byte[32];
		Arrays.fill(fullPad, (byte) 32);
		assertThat(pad).isEqualTo(fullPad);
		assertThat(this.component.decrypt(this.component.encrypt(plaintext))).isEqualTo(plaintext);
	}

	@Test
	void randomPrefixIsFreshLowercaseHex() {
		String first = this.component.encrypt(G3_PLAINTEXT);
		String second = this.component.encrypt(G3_PLAINTEXT);
		assertThat(first).isNotEqualTo(second);
		assertThat(new String(decryptWithZeroKey(first), 0, 16, StandardCharsets.US_ASCII)).matches("[0-9a-f]{16}");
	}

	@Test
	void wrongSignatureIsRejected() {
		EncryptedPush push = this.component.seal(G1_PLAINTEXT, "1413192605", "1320562132");
		String wrong = push.msgSignature().substring(0, 39) + ((push.msgSignature().charAt(39) == '0') ? '1' : '0');
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), push.timestamp(), push.nonce(), wrong));
	}

	@Test
	void urlSignatureIsNotAcceptedAsMsgSignature() {
		EncryptedPush push = this.component.seal(G1_PLAINTEXT, "1413192605", "1320562132");
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), push.timestamp(), push.nonce(), push.signature()));
	}

	@Test
	void signatureWithAnotherTokenIsRejected() {
		WeChatMessageCrypto otherToken = new WeChatMessageCrypto("BBBBB", COMPONENT_KEY, COMPONENT_APPID);
		EncryptedPush push = otherToken.seal(G1_PLAINTEXT, "1413192605", "1320562132");
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), push.timestamp(), push.nonce(), push.msgSignature()));
	}

	@Test
	void signatureOverAnotherTimestampIsRejected() {
		EncryptedPush push = this.component.seal(G1_PLAINTEXT, "1413192605", "1320562132");
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), "1413192606", push.nonce(), push.msgSignature()));
	}

	@Test
	void missingSignatureParametersAreRejected() {
		EncryptedPush push = this.component.seal(G1_PLAINTEXT, "1413192605", "1320562132");
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), push.timestamp(), push.nonce(), null));
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), null, push.nonce(), push.msgSignature()));
		assertThatExceptionOfType(InvalidSignatureException.class)
			.isThrownBy(() -> this.component.open(push.body(), push.timestamp(), null, push.msgSignature()));
	}

	@Test
	void ciphertextThatIsNotWholeBlocksIsTampered() {
		String encrypted = Base64.getEncoder().encodeToString(new byte[48]);
		assertThatExceptionOfType(TamperedCiphertextException.class)
			.isThrownBy(() -> this.component.decrypt(encrypted));
	}

	@Test
	void emptyCiphertextIsTampered() {
		assertThatExceptionOfType(TamperedCiphertextException.class).isThrownBy(() -> this.component.decrypt(""));
	}

	@Test
	void flippedLengthFieldIsTampered() {
		// In CBC, flipping a bit of ciphertext block 0 flips the same bit of plaintext block 1: here the length
		// field's sign bit, which puts it outside the buffer.
		byte[] ciphertext = Base64.getDecoder().decode(G1_ENCRYPT);
		ciphertext[0] ^= (byte) 0x80;
		String tampered = Base64.getEncoder().encodeToString(ciphertext);
		assertThatExceptionOfType(TamperedCiphertextException.class)
			.isThrownBy(() -> this.component.decrypt(tampered));
	}

	@Test
	void tamperedCiphertextFailsTheSignatureBeforeItIsDecrypted() {
		// Without the token nobody can reach the padding and layout checks, so they cannot serve as an oracle.
		byte[] ciphertext = Base64.getDecoder().decode(G1_ENCRYPT);
		ciphertext[0] ^= (byte) 0x80;
		String body = "<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><Encrypt><![CDATA["
				+ Base64.getEncoder().encodeToString(ciphertext) + "]]></Encrypt></xml>";
		assertThatExceptionOfType(InvalidSignatureException.class).isThrownBy(() -> this.component.open(body,
				"1413192605", "1320562132", "1d1d54d04e8b3ed4570fc94528aed631fdbe9bde"));
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 1000, 21 })
	void lengthFieldOutsideTheBufferIsTampered(int lengthField) {
		// 20 bytes of message and appid follow the header, so 21 is one too many.
		byte[] layout = layout(lengthField, "hi" + COMPONENT_APPID, 24);
		assertThatExceptionOfType(TamperedCiphertextException.class)
			.isThrownBy(() -> this.component.decrypt(encryptWithZeroKey(layout)));
	}

	@Test
	void bufferShorterThanTheHeaderIsTampered() {
		byte[] layout = new byte[32];
		Arrays.fill(layout, (byte) 32);
		assertThatExceptionOfType(TamperedCiphertextException.class)
			.isThrownBy(() -> this.component.decrypt(encryptWithZeroKey(layout)));
	}

	@Test
	void handBuiltLayoutWithValidPaddingDecrypts() {
		// Proves the layout helper right, so that the padding tests below fail for their padding alone.
		assertThat(this.component.decrypt(encryptWithZeroKey(layout(2, "hi" + COMPONENT_APPID, 24)))).isEqualTo("hi");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 33, 255 })
	void padLengthOutside1To32IsBadPadding(int lastByte) {
		byte[] layout = layout(2, "hi" + COMPONENT_APPID, 24);
		layout[layout.length - 1] = (byte) lastByte;
		assertThatExceptionOfType(InvalidPaddingException.class)
			.isThrownBy(() -> this.component.decrypt(encryptWithZeroKey(layout)));
	}

	@Test
	void padBytesNotAllEqualIsBadPadding() {
		byte[] layout = layout(2, "hi" + COMPONENT_APPID, 24);
		layout[layout.length - 24] = 23;
		assertThatExceptionOfType(InvalidPaddingException.class)
			.isThrownBy(() -> this.component.decrypt(encryptWithZeroKey(layout)));
	}

	@Test
	void wrongKeyIsBadPadding() {
		// Another key garbles the last block; for this vector its last byte falls outside 1..32.
		WeChatMessageCrypto otherKey = new WeChatMessageCrypto("AAAAA", "B".repeat(43), COMPONENT_APPID);
		assertThatExceptionOfType(InvalidPaddingException.class).isThrownBy(() -> otherKey.decrypt(G3_ENCRYPT));
	}

	@Test
	void wrongTrailingAppidIsRejected() {
		WeChatMessageCrypto other = new WeChatMessageCrypto("AAAAA", COMPONENT_KEY, "wxf8b4f85f3a794e77");
		EncryptedPush push = other.seal(G1_PLAINTEXT, "1413192605", "1320562132");
		assertThatExceptionOfType(AppIdMismatchException.class)
			.isThrownBy(() -> this.component.open(push.body(), push.timestamp(), push.nonce(), push.msgSignature()));
	}

	@Test
	void trailingAppidMustMatchWhollyNotAsAPrefix() {
		WeChatMessageCrypto prefix = new WeChatMessageCrypto("AAAAA", COMPONENT_KEY, "wx134c8103faa5a59");
		assertThatExceptionOfType(AppIdMismatchException.class).isThrownBy(() -> prefix.decrypt(G1_ENCRYPT));
	}

	@Test
	void invalidBase64IsRejected() {
		assertThatExceptionOfType(InvalidBase64Exception.class)
			.isThrownBy(() -> this.component.decrypt("not*base64"));
	}

	@Test
	void invalidBase64WithAValidSignatureIsRejectedWhenOpened() {
		String encrypted = "@@@@";
		String signature = this.component.msgSignature("1413192605", "1320562132", encrypted);
		assertThatExceptionOfType(InvalidBase64Exception.class)
			.isThrownBy(() -> this.component.open(envelope(encrypted), "1413192605", "1320562132", signature));
	}

	@Test
	void envelopeWithDoctypeIsUnsafe() {
		String body = "<!DOCTYPE xml [<!ELEMENT xml ANY>]>" + envelope(G1_ENCRYPT);
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> this.component.open(body, "1413192605",
				"1320562132", "1d1d54d04e8b3ed4570fc94528aed631fdbe9bde"));
	}

	@Test
	void envelopeWithExternalEntityIsUnsafe() {
		String body = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<xml><AppId>&xxe;</AppId><Encrypt><![CDATA[" + G1_ENCRYPT + "]]></Encrypt></xml>";
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> this.component.open(body, "1413192605",
				"1320562132", "1d1d54d04e8b3ed4570fc94528aed631fdbe9bde"));
	}

	@Test
	void malformedEnvelopeIsRejected() {
		String body = "<xml><Encrypt><![CDATA[" + G1_ENCRYPT + "]]></xml>";
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> this.component.open(body,
				"1413192605", "1320562132", "1d1d54d04e8b3ed4570fc94528aed631fdbe9bde"));
	}

	@Test
	void envelopeWithoutEncryptIsRejected() {
		String body = "<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId></xml>";
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> this.component.open(body,
				"1413192605", "1320562132", "1d1d54d04e8b3ed4570fc94528aed631fdbe9bde"));
	}

	@Test
	void exceptionMessagesNameNoSecret() {
		WeChatMessageCrypto other = new WeChatMessageCrypto("pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
				"wx0000000000000000");
		EncryptedPush push = this.officialAccount.seal(A1_PLAINTEXT, A_TIMESTAMP, A_NONCE);
		Stream.of(
				catchMessage(() -> other.open(push.body(), A_TIMESTAMP, A_NONCE, push.msgSignature())),
				catchMessage(() -> other.open(push.body(), A_TIMESTAMP, A_NONCE, "12345")),
				catchMessage(() -> new WeChatMessageCrypto("pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF",
						"wx0000000000000000")))
			.forEach((message) -> assertThat(message).isNotBlank()
				.doesNotContain("pamtest")
				.doesNotContain("abcdefghijklmnopqrstuvwxyz")
				.doesNotContain("我是中文"));
	}

	@Test
	void encodingAesKeyMustBe43Characters() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WeChatMessageCrypto("AAAAA", "A".repeat(42), "wx1"))
			.withMessageContaining("43");
		assertThatIllegalArgumentException().isThrownBy(() -> new WeChatMessageCrypto("AAAAA", "A".repeat(44), "wx1"))
			.withMessageContaining("43");
		assertThatIllegalArgumentException().isThrownBy(() -> new WeChatMessageCrypto("AAAAA", null, "wx1"));
	}

	@Test
	void encodingAesKeyMustBeBase64() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WeChatMessageCrypto("AAAAA", "A".repeat(42) + "!", "wx1"))
			.withMessageContaining("Base64")
			.withMessageNotContaining("AAAA");
	}

	@Test
	void tokenAndAppidAreRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WeChatMessageCrypto("", COMPONENT_KEY, "wx1"));
		assertThatIllegalArgumentException().isThrownBy(() -> new WeChatMessageCrypto("AAAAA", COMPONENT_KEY, null));
	}

	private static String envelope(String encrypted) {
		return "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + encrypted
				+ "]]></Encrypt></xml>";
	}

	/** random(16) | length field | tail, then {@code pad} bytes each equal to {@code pad}. */
	private static byte[] layout(int lengthField, String tail, int pad) {
		byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.allocate(20 + tailBytes.length + pad);
		buffer.put("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).putInt(lengthField).put(tailBytes);
		while (buffer.hasRemaining()) {
			buffer.put((byte) pad);
		}
		assertThat(buffer.capacity() % 32).isZero();
		return buffer.array();
	}

	private static String encryptWithZeroKey(byte[] layout) {
		return Base64.getEncoder().encodeToString(zeroKeyCipher(Cipher.ENCRYPT_MODE, layout));
	}

	private static byte[] decryptWithZeroKey(String encrypted) {
		return zeroKeyCipher(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypted));
	}

	private static byte[] zeroKeyCipher(int mode, byte[] input) {
		try {
			byte[] key = new byte[32];
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
			return cipher.doFinal(input);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String catchMessage(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("Expected an exception");
	}

	record Vector(String name, String random16, String timestamp, String nonce, String plaintext, String encrypt,
			String msgSignature, String signature) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
