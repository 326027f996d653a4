"""Locale tables: detail labels, month names, currencies and book words of Amazon's marketplaces.

Data only. Labels are stored already normalised (casefolded, accents kept); `labels.lookup_key` strips
accents before comparing too, so "Editeur" and "Éditeur" both match.
"""

from __future__ import annotations

# Canonical detail keys -> the labels Amazon has used for them (2012 tables, detail bullets, rpi cards),
# in en, pt, es, fr, de, it, ja, nl (and a few more marketplaces).
DETAIL_LABELS: dict[str, tuple[str, ...]] = {
    "publisher": (
        "publisher", "editora", "editorial", "éditeur", "editeur", "verlag", "herausgeber", "editore",
        "出版社", "uitgever", "förlag", "wydawca", "yayınevi", "الناشر", "출판사",
        # amazon.es 2012 used "Editor:" for the publisher row.
        "editor",
    ),
    "publication_date": (
        "publication date", "publication_date", "date de publication", "data da publicação",
        "data de publicação", "fecha de publicación", "erscheinungstermin", "erscheinungsdatum",
        "data di pubblicazione", "data pubblicazione", "発売日", "出版日", "publicatiedatum",
        "date de parution", "publiceringsdatum", "data wydania", "yayın tarihi",
        "release date", "original release date", "audible.com release date", "audible release date",
        "出版日期", "出版日", "출판 날짜", "발행일",
    ),
    "first_available": ("date first available", "disponível para compra desde", "producto en amazon.es desde",
                        "date de mise en ligne sur amazon.fr", "im angebot von amazon.de seit",
                        "disponibile su amazon.it a partire dal", "amazon.co.jp での取り扱い開始日"),
    "language": (
        "language", "languages", "idioma", "langue", "sprache", "lingua", "言語", "taal", "språk", "język",
        "dil", "语言", "語言", "언어",
    ),
    "print_length": (
        "print length", "print_length", "fiona_pages", "número de páginas", "numero de paginas",
        "longitud de impresión", "nombre de pages", "nombre de pages de l'édition imprimée",
        "longueur à l'impression", "longueur d'impression", "seitenzahl der print-ausgabe", "seitenzahl",
        "lunghezza stampa", "numero di pagine", "本の長さ", "ページ数", "printlengte", "aantal pagina's",
        "pages", "length", "page count", "book length", "print pages", "hardcover pages", "paperback pages", "número de páginas da edição impressa", "纸书页数", "印刷版页数",
        "印刷长度", "인쇄 길이", "페이지 수",
    ),
    "isbn10": ("isbn-10", "isbn10", "isbn 10"),
    "isbn13": ("isbn-13", "isbn13", "isbn 13"),
    "asin": ("asin",),
    "bestseller_rank": (
        "best sellers rank", "best-sellers rank", "amazon best sellers rank", "amazon bestsellers rank",
        "ranking dos mais vendidos", "clasificación en los más vendidos de amazon",
        "classement des meilleures ventes d'amazon", "classement des meilleures ventes",
        "amazon bestseller-rang", "bestseller-rang", "posizione nella classifica bestseller di amazon",
        "amazon 売れ筋ランキング", "売れ筋ランキング", "plaatsing in amazon bestsellers-lijst",
        "amazon bestsellers-rang", "ranking de mais vendidos", "classifica bestseller",
    ),
    "edition": ("edition", "edição", "edición", "édition", "ausgabe", "edizione", "版", "editie"),
    "series": ("series", "série", "serie", "reihe", "シリーズ", "parte de la serie"),
    "binding": ("format", "formato", "binding", "reliure", "einband", "フォーマット", "bindung"),
    "manufacturer": ("manufacturer", "fabricante", "fabricant", "hersteller", "produttore", "メーカー",
                     "brand", "marca", "marque", "marke", "ブランド"),
    "file_size": ("file size", "tamanho do arquivo", "tamaño del archivo", "taille du fichier",
                  "dateigröße", "dimensioni file", "ファイルサイズ", "bestandsgrootte"),
}

# Words after a page count: "121 pages", "408 páginas", "608 Seiten", "329 pagine", "208ページ".
PAGE_WORDS = ("pages", "page", "páginas", "paginas", "página", "seiten", "pagine", "ページ", "pagina's",
              "paginas", "p.", "pp.", "sidor", "stron", "sayfa", "페이지")

# month name (accents stripped, lower) -> month number. Abbreviations include the trailing-dot forms.
MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"],
    "pt": ["janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
           "octobre", "novembre", "decembre"],
    "de": ["januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"],
}
for _names in _MONTH_NAMES.values():
    for _n, _name in enumerate(_names, start=1):
        MONTHS.setdefault(_name, _n)
# Abbreviations seen on Amazon: "Jan.", "févr.", "set.", "Sept.", "Mär.", "dic.", "gen.", "mrt.".
_ABBREVIATIONS = {
    "jan": 1, "janv": 1, "ene": 1, "gen": 1, "jän": 1, "jan.": 1, "enn": 1,
    "feb": 2, "fev": 2, "fevr": 2, "febr": 2, "febbr": 2,
    "mar": 3, "mars": 3, "marz": 3, "mrt": 3, "mär": 3,
    "apr": 4, "abr": 4, "avr": 4,
    "may": 5, "mai": 5, "mag": 5, "magg": 5, "mei": 5, "maio": 5,
    "jun": 6, "juin": 6, "giu": 6,
    "jul": 7, "juil": 7, "lug": 7,
    "aug": 8, "ago": 8, "aout": 8, "ag": 8,
    "sep": 9, "sept": 9, "set": 9, "sett": 9, "setiembre": 9,
    "oct": 10, "okt": 10, "out": 10, "ott": 10,
    "nov": 11,
    "dec": 12, "dez": 12, "dic": 12, "déc": 12,
}
for _name, _n in _ABBREVIATIONS.items():
    MONTHS.setdefault(_name, _n)

# Unambiguous currency markers, longest first when matching. "$" alone is resolved by the marketplace.
CURRENCY_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("CDN$", "CAD"), ("CA$", "CAD"), ("C$", "CAD"), ("US$", "USD"), ("USD", "USD"), ("R$", "BRL"),
    ("BRL", "BRL"), ("A$", "AUD"), ("AU$", "AUD"), ("MX$", "MXN"), ("MXN", "MXN"), ("S$", "SGD"),
    ("EUR", "EUR"), ("€", "EUR"), ("GBP", "GBP"), ("£", "GBP"), ("JPY", "JPY"), ("￥", "JPY"),
    ("¥", "JPY"), ("円", "JPY"), ("INR", "INR"), ("₹", "INR"), ("Rs.", "INR"), ("AED", "AED"),
    ("SAR", "SAR"), ("SEK", "SEK"), ("kr", "SEK"), ("PLN", "PLN"), ("zł", "PLN"), ("TL", "TRY"),
    ("₺", "TRY"), ("CNY", "CNY"), ("EGP", "EGP"), ("ZAR", "ZAR"), ("CAD", "CAD"), ("AUD", "AUD"),
)
DOLLAR_CURRENCIES = {"USD", "CAD", "MXN", "AUD", "SGD"}
ZERO_DECIMAL_CURRENCIES = {"JPY"}

# First breadcrumb / store / nav category of book pages (casefolded).
BOOK_CATEGORIES = {
    "books", "book", "livros", "livro", "libros", "livres", "bücher", "libri", "本", "boeken", "böcker",
    "kindle store", "kindle-shop", "loja kindle", "tienda kindle", "boutique kindle", "kindleストア",
    "kindle winkel", "kindle ebooks", "ebooks kindle", "ebook kindle", "kindle ebooks kindle",
    "audible books & originals", "audible audiobooks", "audiobooks", "audiolivros", "hörbücher",
    "audiolibri", "audiolibros", "livres audio", "english books", "libros en idiomas extranjeros",
    "livres anglais et étrangers", "fremdsprachige bücher", "libri in altre lingue", "洋書",
    "livros em inglês e outras línguas", "textbooks", "ebooks",
}
# #nav-subnav data-category / search alias values of book stores.
BOOK_NAV_CATEGORIES = {"books", "digital-text", "stripbooks", "audible", "english-books", "foreign-books",
                       "kindle", "fr-intl-us", "books-fr-intl-us", "textbooks", "digital-text-kindle"}
# The first class of <div id="dp"> on book pages ("book en_US", "ebooks pt_BR", "audible ...").
BOOK_DP_CLASSES = {"book", "books", "ebooks", "ebook", "audible", "audiobook", "audiobooks", "textbooks",
                   "digital_text", "digital-text", "kindle_ebooks", "book_kindle"}

# Bindings (casefolded, accents stripped) that only books have; used to recognise a book without other signs.
BOOK_BINDINGS = (
    "paperback", "hardcover", "hardback", "mass market paperback", "kindle", "board book", "library binding",
    "spiral-bound", "audiobook", "audio cd", "leather bound", "capa comum", "capa dura", "edicao de bolso",
    "livro de bolso", "tapa blanda", "tapa dura", "libro de bolsillo", "broche", "relie", "poche",
    "taschenbuch", "gebundene ausgabe", "broschiert", "copertina flessibile", "copertina rigida",
    "tascabile", "単行本", "文庫", "新書", "ペーパーバック", "ハードカバー", "kindle版", "大型本", "ebook",
    "e-book", "paperback bunko", "pocket", "gebonden", "turtleback", "cards", "comics",
)

# Contributor roles shown in bylines (lower, accents stripped): a byline with one of these is a book's.
AUTHOR_ROLES = (
    "author", "autor", "autora", "auteur", "autore", "著", "著者", "editor", "editora", "illustrator",
    "ilustrador", "illustrateur", "illustratore", "translator", "tradutor", "traductor", "traducteur",
    "traduttore", "übersetzer", "ubersetzer", "herausgeber", "narrator", "narrador", "foreword",
    "prefacio", "prefácio", "introduction", "contributor", "翻訳", "訳", "編集", "イラスト", "監修",
    "curatore", "a cura di", "organizador", "organizer", "compiler", "auteur)", "schrijver", "vertaler",
)

CAPTCHA_PHRASES = (
    "enter the characters you see below",
    "type the characters you see in this image",
    "sorry, we just need to make sure you're not a robot",
    "to discuss automated access to amazon data please contact",
    "digite os caracteres que você vê abaixo",
    "insira os caracteres que você vê abaixo",
    "desculpe, só precisamos ter certeza de que você não é um robô",
    "introduce los caracteres que ves a continuación",
    "escribe los caracteres que ves en esta imagen",
    "saisissez les caractères que vous voyez ci-dessous",
    "tapez les caractères que vous voyez dans cette image",
    "geben sie die unten angezeigten zeichen ein",
    "geben sie die zeichen unten ein",
    "inserisci i caratteri visualizzati nello spazio sottostante",
    "digita i caratteri che vedi nell'immagine",
    "下に表示されている文字を入力してください",
    "表示されている文字を入力してください",
    "robot check",
)

# Amazon's "something went wrong" dog page (a 500/503): not a missing product, a transient error.
TRANSIENT_ERROR_PHRASES = (
    "something went wrong on our end",
    "sorry! something went wrong",
    "algo deu errado",
    "se ha producido un error",
    "une erreur s'est produite",
    "etwas ist schiefgelaufen",
    "si è verificato un errore",
    "問題が発生しました",
)

NOT_FOUND_PHRASES = (
    "sorry! we couldn't find that page",
    "we're sorry. the web address you entered is not a functioning page on our site",
    "looking for something?",
    "suchen sie etwas?",
    "vous cherchez quelque chose ?",
    "¿buscas algo?",
    "procurando algo?",
    "cerchi qualcosa?",
    "page not found",
    "desculpe, não conseguimos encontrar essa página",
    "desculpe. o endereço da web que você digitou não é uma página funcional em nosso site",
    "lo sentimos. la dirección web que has especificado no es una página activa de nuestro sitio",
    "lo sentimos, no hemos podido encontrar esta página",
    "nous sommes désolés. l'adresse web que vous avez entrée ne correspond à aucune page",
    "désolé ! nous n'avons pas trouvé cette page",
    "es tut uns leid! die webadresse, die sie eingegeben haben, ist keine funktionierende seite",
    "leider konnten wir die seite nicht finden",
    "siamo spiacenti. l'indirizzo web che hai inserito non è una pagina del nostro sito",
    "spiacenti! non riusciamo a trovare la pagina",
    "お探しのページは見つかりません",
    "申し訳ありません。入力されたウェブアドレスは当サイトの有効なページのものではありません",
)
