// Imports (Features/Imports): with script, the file goes to the imports API with a progress bar for the
// upload, then the run's page follows the import with a second bar until it ends. Without script the
// same form posts to the page and the run's page refreshes itself.

const pollEvery = 1000;
const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

function problemText(problem) {
    const messages = Object.values(problem.errors ?? {}).flat();
    return messages.length > 0 ? messages.join(" ") : (problem.title ?? "");
}

function upload(form) {
    const bar = form.querySelector("[data-upload]");
    const progress = bar.querySelector("progress");
    const percent = bar.querySelector("[data-percent]");
    const message = form.querySelector("[data-message]");
    const buttons = form.querySelectorAll("button[type=submit]");

    form.addEventListener("submit", event => {
        const file = form.querySelector("input[type=file]").files[0];
        if (!file) {
            // The server says what is missing, next to the field.
            return;
        }
        event.preventDefault();
        const dryRun = event.submitter?.value !== "import";
        const kind = form.querySelector("select").value;
        const url = `${form.dataset.api}?kind=${encodeURIComponent(kind)}&dryRun=${dryRun}&fileName=${encodeURIComponent(file.name)}`;
        const request = new XMLHttpRequest();
        request.open("POST", url);
        request.setRequestHeader("RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
        request.setRequestHeader("Content-Type", "application/octet-stream");
        request.responseType = "json";
        request.upload.addEventListener("progress", e => {
            if (e.lengthComputable) {
                const value = Math.floor(e.loaded * 100 / e.total);
                progress.value = value;
                percent.textContent = `${value} %`;
            }
        });
        request.addEventListener("load", () => {
            if (request.status === 202 && request.response?.page) {
                window.location.assign(request.response.page);
                return;
            }
            bar.hidden = true;
            buttons.forEach(b => b.disabled = false);
            message.textContent = request.response ? problemText(request.response) : String(request.status);
            message.classList.add("errors");
        });
        request.addEventListener("error", () => {
            bar.hidden = true;
            buttons.forEach(b => b.disabled = false);
            message.textContent = message.dataset.failed ?? "";
        });
        message.textContent = "";
        message.classList.remove("errors");
        progress.value = 0;
        percent.textContent = "0 %";
        bar.hidden = false;
        buttons.forEach(b => b.disabled = true);
        request.send(file);
    });
}

function follow(panel) {
    const progress = panel.querySelector("progress");
    const percent = panel.querySelector("[data-percent]");
    const rows = panel.querySelector("[data-rows]");
    const rate = panel.querySelector("[data-rate]");

    async function poll() {
        try {
            const response = await fetch(panel.dataset.poll, { headers: { Accept: "application/json" } });
            if (response.ok) {
                const run = await response.json();
                if (run.status !== "Running") {
                    // The page shows the outcome and the errors as the server renders them.
                    window.location.reload();
                    return;
                }
                if (run.progress) {
                    progress.value = run.progress.percent;
                    percent.textContent = `${run.progress.percent} %`;
                    rows.textContent = numbers.format(run.progress.rows);
                    rate.textContent = numbers.format(Math.round(run.progress.rowsPerSecond));
                }
            }
        } catch {
            // A missed poll is retried at the next tick.
        }
        window.setTimeout(poll, pollEvery);
    }

    window.setTimeout(poll, pollEvery);
}

const form = document.querySelector("form.import-form[data-api]");
if (form) {
    upload(form);
}
const panel = document.querySelector("[data-poll]");
if (panel) {
    follow(panel);
}
