"""Short news pages written for the language benchmark (fictional events), each with the
language it is written in: titles and bodies of the lengths the readers give, some of them
English pages full of foreign names, some foreign pages full of English ones."""

from __future__ import annotations

# (language, title, body)
PAGES: list[tuple[str, str, str]] = [
    ("en", "Rebels attack army base near Goma",
     "At least 40 people were killed when rebels attacked an army base near Goma on Saturday, "
     "the provincial governor said. Witnesses described heavy gunfire through the night."),
    ("en", "Fishing boats stranded off Crête",
     "Coast guards from Chania and Héraklion said on Tuesday that three fishing boats were "
     "stranded south of Crête after a storm. No one was hurt, the port authority said."),
    ("en", "Police: man shot in Ciudad Juárez",
     "A man was shot dead outside a bar on Avenida de las Américas in Ciudad Juárez late on "
     "Friday, the Chihuahua state prosecutor's office said. Two suspects fled in a car."),
    ("en", "Protest in Kinshasa",
     "Hundreds marched through Gombe on Monday chanting 'Non à la guerre', organisers said."),
    ("en", "Two injured in Dortmund knife attack",
     "Zwei Menschen were injured in a knife attack at Dortmund's Hauptbahnhof, police said in a "
     "statement on Wednesday. A 34-year-old man from Gelsenkirchen was arrested at the scene."),
    ("en", "Floods displace thousands in Beira",
     "More than 12,000 people have been displaced by floods around Beira, Mozambique's "
     "disaster agency INGD said on Thursday, adding that the toll could still rise."),
    ("en", "Shooting in Memphis",
     "Memphis police say one person died after a shooting on Elvis Presley Boulevard."),
    ("fr", "Attaque d'une base militaire près de Goma",
     "Au moins 40 personnes ont été tuées samedi lorsque des rebelles ont attaqué une base "
     "militaire près de Goma, a déclaré le gouverneur de la province du Nord-Kivu."),
    ("fr", "Manifestation à Dakar",
     "Des milliers de personnes ont manifesté mardi à Dakar contre la hausse des prix, selon "
     "les organisateurs. La police a fait usage de gaz lacrymogène près du marché Sandaga."),
    ("es", "Ataque armado en Culiacán deja cinco muertos",
     "Al menos cinco personas murieron el domingo en un ataque armado en Culiacán, informó la "
     "Fiscalía General del Estado de Sinaloa, que abrió una investigación."),
    ("es", "Inundaciones en Valencia",
     "Las lluvias torrenciales obligaron a evacuar a más de dos mil vecinos en la comarca de "
     "la Ribera, según el servicio de emergencias de la Generalitat Valenciana."),
    ("de", "Zwei Tote bei Explosion in Ludwigshafen",
     "Bei einer Explosion in einem Chemiewerk in Ludwigshafen sind am Montag zwei Menschen ums "
     "Leben gekommen, teilte die Polizei mit. Mehrere Anwohner wurden leicht verletzt."),
    ("pt", "Tiroteio em Salvador deixa três mortos",
     "Três pessoas morreram e duas ficaram feridas num tiroteio no bairro de Periperi, em "
     "Salvador, na noite de sábado, segundo a Polícia Militar da Bahia."),
    ("it", "Scontri a Napoli dopo la partita",
     "Almeno dieci persone sono rimaste ferite negli scontri tra tifosi avvenuti domenica "
     "sera vicino allo stadio Maradona di Napoli, ha riferito la questura."),
    ("ru", "Обстрел в Харькове",
     "В результате обстрела Харькова в ночь на среду погибли по меньшей мере три человека, "
     "ещё шестеро получили ранения, сообщил глава областной администрации."),
    ("uk", "Обстріл Харкова",
     "Унаслідок нічного обстрілу Харкова загинули щонайменше троє людей, ще шестеро дістали "
     "поранення, повідомив голова обласної військової адміністрації."),
    ("ar", "مقتل ثلاثة في غارة جوية",
     "قُتل ثلاثة أشخاص على الأقل وأصيب خمسة آخرون في غارة جوية استهدفت سيارة قرب مدينة إدلب "
     "يوم الأحد، بحسب ما أفاد الدفاع المدني."),
    ("tr", "İzmir'de deprem",
     "İzmir'de meydana gelen 5,1 büyüklüğündeki depremde iki kişi hafif yaralandı, AFAD "
     "yaptığı açıklamada binalarda ciddi bir hasar olmadığını bildirdi."),
    ("sw", "Watu watano wafariki katika ajali",
     "Watu watano wamefariki dunia na wengine kumi kujeruhiwa katika ajali ya barabarani "
     "iliyotokea karibu na mji wa Morogoro, polisi wamesema."),
    ("nl", "Twee gewonden bij schietpartij in Rotterdam",
     "Bij een schietpartij in Rotterdam-Zuid zijn zondagavond twee mannen gewond geraakt, "
     "meldt de politie. Een verdachte is aangehouden."),
    ("id", "Banjir di Jakarta",
     "Ribuan warga di Jakarta Timur mengungsi setelah banjir merendam ratusan rumah pada "
     "Senin pagi, kata Badan Penanggulangan Bencana Daerah."),
    ("fr", "Goma : 40 morts",
     "Le bilan de l'attaque s'élève à 40 morts, selon un responsable de la société civile."),
]
