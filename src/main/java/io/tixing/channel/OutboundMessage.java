package io.tixing.channel;

import io.tixing.policy.ChannelType;
import io.tixing.template.RenderedMessage;

import java.util.UUID;

/**
 * One message to hand to a provider.
 *
 * @param attemptId    unique per send attempt; also the provider-side idempotency marker and the
 *                     key of the voice webhook ({@code /webhooks/twilio/voice/{attemptId}})
 * @param destination  full E.164 phone number or email address (never log it unmasked)
 * @param maskedName   the borrower's name as it may be spoken/shown before identity is confirmed (王**)
 * @param voicemail    for VOICE: the neutral call-back script for an answering machine (no debt details)
 */
public record OutboundMessage(UUID attemptId, UUID reminderId, String borrowerId, ChannelType channel,
                              String destination, String locale, String maskedName,
                              RenderedMessage message, RenderedMessage voicemail) {}
