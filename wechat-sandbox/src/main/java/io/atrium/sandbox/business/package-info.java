/**
 * The content APIs called with an authorizer access token (freepublish, material) and the images their URLs point
 * at.
 */
package io.atrium.sandbox.business;
