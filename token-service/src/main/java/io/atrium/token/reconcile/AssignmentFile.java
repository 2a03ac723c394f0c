package io.atrium.token.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of an uploaded {@code appid,tenant} file as fields: RFC 4180 quoting (a tenant's name may hold a comma
 * or a quote), a byte-order mark and blank lines ignored, a first line {@code appid,tenant} taken as a header.
 * Line numbers are the file's, as an editor shows them.
 */
final class AssignmentFile {

	private AssignmentFile() {
	}

	/** A line's fields, trimmed; null fields when its quoting is broken. */
	record Row(int line, List<String> fields) {
	}

	static List<Row> rows(String text) {
		String content = (text.startsWith("\uFEFF")) ? text.substring(1) : text;
		List<Row> rows = new ArrayList<>();
		String[] lines = content.split("\r\n|\r|\n", -1);
		boolean first = true;
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].isBlank()) {
				continue;
			}
			List<String> fields = fields(lines[i]);
			if (first && fields != null && fields.size() == 2 && fields.get(0).equalsIgnoreCase("appid")
					&& fields.get(1).equalsIgnoreCase("tenant")) {
				first = false;
				continue;
			}
			first = false;
			rows.add(new Row(i + 1, fields));
		}
		return rows;
	}

	private static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
				field.setLength(0);
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString().strip());
				field.setLength(0);
				wasQuoted = false;
			}
			else if (wasQuoted && !Character.isWhitespace(c)) {
				return null; // text after a closing quote
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			return null;
		}
		fields.add(field.toString().strip());
		return fields;
	}

}
