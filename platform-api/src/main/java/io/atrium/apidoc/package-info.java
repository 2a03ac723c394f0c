/**
 * The REST API's machine-readable description (a hand-written OpenAPI 3.1 document, see docs/decisions.md).
 */
package io.atrium.apidoc;
