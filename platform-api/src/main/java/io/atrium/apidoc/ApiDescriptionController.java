package io.atrium.apidoc;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API's OpenAPI description, public at {@code /api/openapi.yaml}. Served by a mapping of its own rather than
 * as a static file: static files are only the console's {@code /assets/**} (serving them from {@code /**} made every
 * link of every console page a search through the class path).
 */
@RestController
class ApiDescriptionController {

	static final String PATH = "/api/openapi.yaml";

	private final Resource description = new ClassPathResource("api/openapi.yaml");

	@GetMapping(path = PATH, produces = "application/yaml")
	Resource description() {
		return this.description;
	}

}
