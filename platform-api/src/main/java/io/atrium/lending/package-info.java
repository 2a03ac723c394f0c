/**
 * Token lending (中控): the provider's other systems borrow an account's access token, or the component token, from
 * Atrium instead of refreshing their own, and report the ones WeChat refused; every lend is audited.
 */
package io.atrium.lending;
