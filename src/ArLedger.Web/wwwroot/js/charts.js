// The charts of the aging page and the managers' home page, drawn from the JSON their page embeds
// (<script type="application/json">, which is data and never runs).
(function () {
    function data(id) {
        var el = document.getElementById(id);
        return el ? JSON.parse(el.textContent) : null;
    }

    var aging = data('aging-history');
    if (aging) {
        var colors = ['#198754', '#ffc107', '#fd7e14', '#dc3545', '#6f42c1', '#343a40', '#0dcaf0', '#adb5bd', '#6610f2', '#d63384', '#20c997'];
        new Chart(document.getElementById('aging-chart'), {
            type: 'bar',
            data: {
                labels: aging.dates,
                datasets: aging.series.map(function (s, i) { return { label: s.label, data: s.data, backgroundColor: colors[i % colors.length] }; })
            },
            options: {
                scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: aging.currency } } },
                plugins: { legend: { position: 'bottom' } }
            }
        });
    }

    var dso = data('dso-history');
    if (dso) {
        new Chart(document.getElementById('dso-chart'), {
            type: 'line',
            data: { labels: dso.dates, datasets: [{ label: dso.label, data: dso.days, borderColor: '#0d6efd', spanGaps: false }] },
            options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
        });
    }
})();
