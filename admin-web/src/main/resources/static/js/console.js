// The console's few behaviours, in a static file (the CSP allows no inline script).

// Forms that change something hard to undo (revoke, disable) ask first: <form data-confirm="question">; so does a
// form's button of its own (<button data-confirm>) when the form's other buttons change nothing (a dry run).
document.addEventListener('submit', (event) => {
	const asking = (event.submitter && event.submitter.closest('[data-confirm]')) || event.target.closest('form[data-confirm]');
	if (asking && !window.confirm(asking.dataset.confirm)) {
		event.preventDefault();
	}
});

// Copy buttons: <button data-copy="#id"> copies that element's value (or text); <button data-copy="text"> copies
// the text itself. The button shows its data-copied label for a moment.
document.addEventListener('click', (event) => {
	const button = event.target.closest('[data-copy]');
	if (!button) {
		return;
	}
	const source = button.dataset.copy;
	let text = source;
	if (source.startsWith('#')) {
		const element = document.querySelector(source);
		if (!element) {
			return;
		}
		text = ('value' in element) ? element.value : element.textContent.trim();
		if (element.select) {
			element.select();
		}
	}
	const done = () => {
		const label = button.textContent;
		button.textContent = button.dataset.copied || '✓';
		button.classList.add('copied');
		setTimeout(() => {
			button.textContent = label;
			button.classList.remove('copied');
		}, 2000);
	};
	if (navigator.clipboard && window.isSecureContext) {
		navigator.clipboard.writeText(text).then(done, () => legacyCopy(text) && done());
	}
	else if (legacyCopy(text)) {
		done();
	}
});

// Plain http (a demo on a LAN address) has no clipboard API.
function legacyCopy(text) {
	const area = document.createElement('textarea');
	area.value = text;
	area.setAttribute('readonly', '');
	area.className = 'position-absolute top-0 start-0 opacity-0';
	document.body.appendChild(area);
	area.select();
	let copied = false;
	try {
		copied = document.execCommand('copy');
	}
	catch (ex) {
		copied = false;
	}
	area.remove();
	return copied;
}
