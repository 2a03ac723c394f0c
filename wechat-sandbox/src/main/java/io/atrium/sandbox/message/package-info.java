/**
 * Users' messages and events delivered to the accounts' message URL (消息与事件接收URL) as WeChat delivers them
 * (encrypted, signed, retried on no answer), the 48-hour customer-service window they open, and the customer-service
 * messages the platform sends back ({@code message/custom/send}).
 */
package io.atrium.sandbox.message;
