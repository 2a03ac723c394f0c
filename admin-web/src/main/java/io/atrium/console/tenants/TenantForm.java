package io.atrium.console.tenants;

import io.atrium.tenant.Tenant;

/**
 * The tenant form's fields, as submitted.
 */
public record TenantForm(String name, String contactName, String contactEmail, String contactPhone, String note) {

	static TenantForm empty() {
		return new TenantForm("", "", "", "", "");
	}

	static TenantForm of(Tenant tenant) {
		return new TenantForm(tenant.name(), tenant.contactName(), tenant.contactEmail(), tenant.contactPhone(),
				tenant.note());
	}

	/** The message key of the first problem, or null when the form can be stored. */
	String problem() {
		if (this.name == null || this.name.isBlank()) {
			return "tenant.error.name-required";
		}
		if (this.name.strip().length() > 100 || length(this.contactName) > 100 || length(this.contactEmail) > 200
				|| length(this.contactPhone) > 50 || length(this.note) > 1000) {
			return "tenant.error.too-long";
		}
		return null;
	}

	String trimmedName() {
		return this.name.strip();
	}

	/** Blank fields are stored as null, so that "no contact" looks the same however it was entered. */
	static String orNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static int length(String value) {
		return (value != null) ? value.strip().length() : 0;
	}

}
