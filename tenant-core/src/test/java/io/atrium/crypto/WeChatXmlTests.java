package io.atrium.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WeChatXml}.
 */
class WeChatXmlTests {

	@Test
	void readsAnAuthorizationEvent() {
		WeChatXml xml = WeChatXml.parse("<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId>"
				+ "<CreateTime>1413192760</CreateTime><InfoType><![CDATA[authorized]]></InfoType>"
				+ "<AuthorizerAppid><![CDATA[wxf8b4f85f3a794e77]]></AuthorizerAppid>"
				+ "<AuthorizationCode><![CDATA[queryauthcode@@@test_auth_code]]></AuthorizationCode>"
				+ "<AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime>"
				+ "<PreAuthCode><![CDATA[preauthcode@@@test_pre_auth_code]]></PreAuthCode></xml>");
		assertThat(xml.get("AppId")).isEqualTo("wx134c8103faa5a59e");
		assertThat(xml.get("CreateTime")).isEqualTo("1413192760");
		assertThat(xml.get("InfoType")).isEqualTo("authorized");
		assertThat(xml.get("AuthorizerAppid")).isEqualTo("wxf8b4f85f3a794e77");
		assertThat(xml.require("AuthorizationCode")).isEqualTo("queryauthcode@@@test_auth_code");
		assertThat(xml.get("AuthorizationCodeExpiredTime")).isEqualTo("1413196360");
		assertThat(xml.get("PreAuthCode")).isEqualTo("preauthcode@@@test_pre_auth_code");
	}

	@Test
	void readsPrettyPrintedXmlWithDeclaration() {
		WeChatXml xml = WeChatXml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml>\n"
				+ "  <AppId>some_appid</AppId>\n  <InfoType>component_verify_ticket</InfoType>\n"
				+ "  <ComponentVerifyTicket>ticket@@@PtNXaNd5</ComponentVerifyTicket>\n</xml>\n");
		assertThat(xml.get("AppId")).isEqualTo("some_appid");
		assertThat(xml.get("ComponentVerifyTicket")).isEqualTo("ticket@@@PtNXaNd5");
	}

	@Test
	void keepsTextAsWritten() {
		WeChatXml xml = WeChatXml.parse("<xml><Content>  中文 &amp; &lt;b&gt; &#x41;<![CDATA[<i>]]>  </Content>"
				+ "<Empty></Empty><SelfClosed/></xml>");
		assertThat(xml.get("Content")).isEqualTo("  中文 & <b> A<i>  ");
		assertThat(xml.get("Empty")).isEmpty();
		assertThat(xml.get("SelfClosed")).isEmpty();
	}

	@Test
	void doesNotReadDeeperElements() {
		WeChatXml xml = WeChatXml.parse("<xml><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m]]>"
				+ "</MediaId></Video></xml>");
		assertThat(xml.get("MsgType")).isEqualTo("video");
		assertThat(xml.get("Video")).isEmpty();
		assertThat(xml.get("MediaId")).isNull();
	}

	@Test
	void missingElementIsNullOrMalformedWhenRequired() {
		WeChatXml xml = WeChatXml.parse("<xml><AppId>wx1</AppId></xml>");
		assertThat(xml.get("InfoType")).isNull();
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> xml.require("InfoType"))
			.withMessageContaining("InfoType");
	}

	@Test
	void toStringNamesElementsButNotValues() {
		WeChatXml xml = WeChatXml.parse("<xml><ComponentVerifyTicket>ticket@@@secret</ComponentVerifyTicket></xml>");
		assertThat(xml).hasToString("WeChatXml[ComponentVerifyTicket]");
	}

	@Test
	void internalDoctypeIsUnsafe() {
		assertThatExceptionOfType(UnsafeXmlException.class)
			.isThrownBy(() -> WeChatXml.parse("<!DOCTYPE xml [<!ELEMENT xml ANY>]><xml><A>1</A></xml>"));
	}

	@Test
	void externalDtdIsUnsafe() {
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> WeChatXml
			.parse("<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml><A>1</A></xml>"));
	}

	@Test
	void externalGeneralEntityIsUnsafe() {
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> WeChatXml
			.parse("<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><A>&xxe;</A></xml>"));
	}

	@Test
	void externalParameterEntityIsUnsafe() {
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> WeChatXml.parse(
				"<!DOCTYPE xml [<!ENTITY % dtd SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %dtd;]><xml><A>1</A></xml>"));
	}

	@Test
	void entityExpansionIsUnsafe() {
		String laughs = "<!DOCTYPE xml [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
				+ "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><xml><A>&c;</A></xml>";
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> WeChatXml.parse(laughs));
	}

	@Test
	void undeclaredEntityIsMalformed() {
		assertThatExceptionOfType(MalformedXmlException.class)
			.isThrownBy(() -> WeChatXml.parse("<xml><A>&xxe;</A></xml>"));
	}

	@Test
	void xincludeIsNotProcessed() {
		WeChatXml xml = WeChatXml.parse("<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
				+ "<Included><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></Included></xml>");
		assertThat(xml.get("Included")).isEmpty();
	}

	@Test
	void tooLongXmlIsUnsafe() {
		String xml = "<xml><A>" + "x".repeat(WeChatXml.MAX_LENGTH) + "</A></xml>";
		assertThatExceptionOfType(UnsafeXmlException.class).isThrownBy(() -> WeChatXml.parse(xml));
	}

	@Test
	void xmlJustUnderTheLimitIsRead() {
		String text = "x".repeat(WeChatXml.MAX_LENGTH - "<xml><A></A></xml>".length());
		String xml = "<xml><A>" + text + "</A></xml>";
		assertThat(xml.length()).isEqualTo(WeChatXml.MAX_LENGTH);
		assertThat(WeChatXml.parse(xml).get("A").equals(text)).isTrue();
	}

	@Test
	void malformedXmlIsRejectedWithItsLocation() {
		assertThatExceptionOfType(MalformedXmlException.class)
			.isThrownBy(() -> WeChatXml.parse("<xml><A>secret</B></xml>"))
			.withMessageContaining("line 1")
			.withMessageNotContaining("secret");
	}

	@Test
	void trailingContentIsMalformed() {
		assertThatExceptionOfType(MalformedXmlException.class)
			.isThrownBy(() -> WeChatXml.parse("<xml><A>1</A></xml><xml><A>2</A></xml>"));
	}

	@Test
	void emptyOrMissingXmlIsMalformed() {
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> WeChatXml.parse(null));
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> WeChatXml.parse(""));
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> WeChatXml.parse("   "));
		assertThatExceptionOfType(MalformedXmlException.class).isThrownBy(() -> WeChatXml.parse("not xml"));
	}

	@Test
	void repeatedElementIsMalformed() {
		assertThatExceptionOfType(MalformedXmlException.class)
			.isThrownBy(() -> WeChatXml.parse("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>"))
			.withMessageContaining("Encrypt");
	}

}
