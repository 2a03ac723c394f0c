package io.atrium.console.security;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.dao.DataAccessException;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * Lets a request finish when its console session was deleted while it ran. Spring Session's Redis repository then
 * refuses to save the session ("Session was invalidated", spring-projects/spring-session#2893) and the request,
 * usually while its page is being written, fails with 500. The fault run met it whenever sessions vanish under
 * running requests: the same browser logging out or in again in another tab, Redis flushed, an instance whose clock
 * jumped past the sessions' timeout. The session is gone either way; its next request is anonymous and is sent
 * to the login page, as it should be.
 */
final class VanishedSessionTolerance implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof RedisSessionRepository repository) ? new TolerantRepository(repository) : bean;
	}

	static final class TolerantRepository implements SessionRepository<Session> {

		private static final Logger logger = LoggerFactory.getLogger(VanishedSessionTolerance.class);

		/** Its session type is package-private: the repository is used through the interface's erasure. */
		private final SessionRepository<Session> delegate;

		/** A request's session object, once saved: each request reads its own, so identity marks "this request". */
		private final Set<Session> savedThisRequest = Collections.synchronizedSet(
				Collections.newSetFromMap(new WeakHashMap<>()));

		@SuppressWarnings({ "unchecked", "rawtypes" })
		TolerantRepository(RedisSessionRepository delegate) {
			this.delegate = (SessionRepository) delegate;
		}

		@Override
		public Session createSession() {
			return this.delegate.createSession();
		}

		@Override
		public void save(Session session) {
			try {
				this.delegate.save(session);
				this.savedThisRequest.add(session);
			}
			catch (IllegalStateException ex) {
				if (!"Session was invalidated".equals(ex.getMessage())) {
					throw ex;
				}
				logger.debug("Session deleted while its request ran; not saved");
			}
			catch (DataAccessException ex) {
				// Spring Session saves when the answer is committed and again when the request ends. The second
				// save meeting a Redis outage would reach Tomcat after the page was sent, and Tomcat would close the
				// connection on a page already served (the fault run's Redis restart met it). What the first save
				// stored stands; only changes made after it are lost. A first save still fails the request (503).
				if (!this.savedThisRequest.contains(session)) {
					throw ex;
				}
				logger.warn("Session saved earlier in this request; saving it again failed ({})",
						ex.getClass().getSimpleName());
			}
		}

		@Override
		public Session findById(String id) {
			return this.delegate.findById(id);
		}

		@Override
		public void deleteById(String id) {
			this.delegate.deleteById(id);
		}

	}

}
