// Copies text to the clipboard from any element with data-copy="<text>": a click copies the attribute's value and
// the element says so for two seconds (its data-copied text, e.g. 已复制 / Copied), then reads as before. Generic:
// media ids on the materials page, API keys elsewhere. A static file, so the CSP's script-src 'self' allows it.
(function () {
	'use strict';

	function fallbackCopy(text) {
		// Outside a secure context navigator.clipboard is missing: copy from a selected, off-screen text area.
		var area = document.createElement('textarea');
		area.value = text;
		area.setAttribute('readonly', '');
		area.className = 'visually-hidden';
		document.body.appendChild(area);
		area.select();
		var copied = false;
		try {
			copied = document.execCommand('copy');
		}
		finally {
			document.body.removeChild(area);
		}
		return copied ? Promise.resolve() : Promise.reject(new Error('copy refused'));
	}

	function copy(text) {
		if (navigator.clipboard && window.isSecureContext) {
			return navigator.clipboard.writeText(text).catch(function () {
				return fallbackCopy(text);
			});
		}
		return fallbackCopy(text);
	}

	document.addEventListener('click', function (event) {
		var target = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
		if (!target) {
			return;
		}
		event.preventDefault();
		copy(target.getAttribute('data-copy')).then(function () {
			if (!target.hasAttribute('data-copy-label')) {
				target.setAttribute('data-copy-label', target.textContent);
			}
			target.textContent = target.getAttribute('data-copied') || 'Copied';
			target.classList.add('copied');
			clearTimeout(target.copyTimer);
			target.copyTimer = setTimeout(function () {
				target.textContent = target.getAttribute('data-copy-label');
				target.classList.remove('copied');
			}, 2000);
		});
	});
})();
