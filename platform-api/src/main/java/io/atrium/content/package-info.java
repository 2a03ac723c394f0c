/**
 * Content access: published articles and permanent materials of authorized accounts, served under
 * {@code /api/v1}. Built out in issue 4.
 */
package io.atrium.content;
