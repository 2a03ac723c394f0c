/**
 * The HTML authorization pages a merchant admin sees (PC componentloginpage and mobile bindcomponent).
 */
package io.atrium.sandbox.authpage;
