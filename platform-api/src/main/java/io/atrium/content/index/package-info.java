/**
 * The content index: each authorized account's published posts and permanent materials kept in PostgreSQL
 * ({@link io.atrium.content.index.ContentSyncs} keeps it, {@link io.atrium.content.index.ContentIndex} reads it),
 * so that lists and searches answer without WeChat and without spending the merchant's quota.
 */
package io.atrium.content.index;
