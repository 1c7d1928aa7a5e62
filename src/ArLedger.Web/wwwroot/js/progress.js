// Follows each run's progress card on the page (an element with data-progress): asks its data-progress URL every
// second for { going, done, failed, total, percent }, moves the bar and the count, and when the run has ended opens
// data-done, the page with its result. data-count says how the count reads, with {0} done of {1}.
(() => {
    const number = new Intl.NumberFormat(document.documentElement.lang);
    for (const panel of document.querySelectorAll('[data-progress]')) {
        const timer = setInterval(async () => {
            const response = await fetch(panel.dataset.progress, { headers: { Accept: 'application/json' } });
            if (!response.ok) return;
            const run = await response.json();
            panel.querySelector('[data-field=bar]').style.width = `${run.percent}%`;
            panel.querySelector('[role=progressbar]').setAttribute('aria-valuenow', run.percent);
            const count = panel.querySelector('[data-field=count]');
            if (count && run.total) {
                count.textContent = (panel.dataset.count ?? '{0} / {1}')
                    .replace('{0}', number.format(run.done + (run.failed ?? 0))).replace('{1}', number.format(run.total));
            }
            if (!run.going) {
                clearInterval(timer);
                location.replace(panel.dataset.done);
            }
        }, 1000);
    }
})();
