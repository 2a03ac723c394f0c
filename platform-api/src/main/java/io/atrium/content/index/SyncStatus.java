package io.atrium.content.index;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Where an account's content index stands.
 *
 * @param appid the account
 * @param syncedAt when the last complete sync ended (what the index shows is WeChat's content as of then), or null
 * before the first
 * @param lastRunAt when the last run ended, complete or not
 * @param lastOutcome how it ended
 * @param lastError why it stopped short, if it did
 * @param lastCalls the calls to WeChat the last run made
 * @param nextSyncAt when the account is due again
 * @param running whether an instance is syncing it now
 * @param posts posts WeChat listed at the last sync
 * @param removedPosts posts WeChat no longer lists, kept in the index
 * @param materials permanent materials WeChat listed
 * @param removedMaterials materials WeChat no longer lists, kept in the index
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncStatus(String appid, Instant syncedAt, Instant lastRunAt, SyncOutcome lastOutcome, String lastError,
		int lastCalls, Instant nextSyncAt, boolean running, long posts, long removedPosts, long materials,
		long removedMaterials) {

}
