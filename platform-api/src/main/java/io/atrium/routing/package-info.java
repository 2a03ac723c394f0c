/**
 * How requests of the API ({@code /api/**}) and of WeChat's paths for SDKs ({@code /cgi-bin/**}) find their
 * controller: among the API's own mappings only, before the console's.
 */
package io.atrium.routing;
