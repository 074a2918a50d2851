// Type-ahead for the person picker (Features/Contacts/_PersonPicker.cshtml): while a name is typed, the
// people found through the people API are offered as choices, as the form's "Search" button does
// on the server without script. The person already chosen stays offered.

const pause = 250;
const mostFound = 20;

function formatDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined).format(new Date(year, month - 1, day));
}

function choice(picker, person) {
    const label = document.createElement("label");
    label.className = "check";
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = picker.dataset.field;
    radio.value = person.id;
    radio.id = `${picker.dataset.field.replaceAll(".", "_")}_${person.id}`;
    label.append(radio, ` ${person.firstName} ${person.lastName} `);
    if (person.birthDate) {
        const born = document.createElement("span");
        born.className = "muted";
        born.textContent = formatDate(person.birthDate);
        label.append(born);
    }
    return label;
}

function attach(picker) {
    const find = picker.querySelector("[data-person-find]");
    const choices = picker.querySelector("[data-person-choices]");
    const status = picker.querySelector("[data-person-status]");
    let timer;
    let asked = 0;

    function show(people) {
        for (const label of [...choices.querySelectorAll("label")]) {
            if (!label.querySelector("input:checked")) {
                label.remove();
            }
        }
        const kept = new Set([...choices.querySelectorAll("input")].map((input) => input.value));
        const found = people.filter((person) => !kept.has(person.id)).slice(0, mostFound);
        choices.append(...found.map((person) => choice(picker, person)));
        status.textContent = people.length === 0
            ? picker.dataset.nobodyFound
            : picker.dataset.found.replace("{0}", String(people.length));
    }

    async function search() {
        const query = find.value.trim();
        const ask = ++asked;
        if (query.length < 2) {
            return;
        }
        try {
            const response = await fetch(`${picker.dataset.personSearch}?q=${encodeURIComponent(query)}`, {
                headers: { Accept: "application/json" },
                credentials: "same-origin",
            });
            if (response.ok && ask === asked) {
                show((await response.json()).items);
            }
        } catch {
            // Offline or signed out: the "Search" button still works.
        }
    }

    find.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(search, pause);
    });
    // Enter in the search box searches at once instead of saving the form.
    find.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
            event.preventDefault();
            clearTimeout(timer);
            search();
        }
    });
}

for (const picker of document.querySelectorAll("[data-person-search]")) {
    attach(picker);
}
