//! Name lists for the nation table.
//!
//! Every list holds common given or family names of the nation in its own orthography
//! (Latin script; Greek, Bulgarian, Macedonian and Ukrainian names are transliterated).
//! Family names are stored in the masculine / base form; the feminine form is derived by
//! [`super::write_family_name`]. For Iceland the family list holds the genitive stems of
//! fathers' given names, to which "son" or "dóttir" is appended.
//!
//! The lists were compiled for this project from general knowledge of common names (names
//! themselves are public facts); their order carries no meaning.

// ---------------------------------------------------------------------------------------
// Albania
// ---------------------------------------------------------------------------------------

pub(super) const ALB_MALE: &[&str] = &[
    "Arben", "Artan", "Besnik", "Blerim", "Dritan", "Edmond", "Elton", "Ervin", "Fatmir", "Genc",
    "Gentian", "Ilir", "Klodian", "Kujtim", "Lulzim", "Marsel", "Mentor", "Nderim", "Orges",
    "Petrit", "Redon", "Saimir", "Shpëtim", "Sokol", "Taulant", "Valon", "Xhevdet", "Ylli", "Agron",
    "Alban", "Altin", "Andi", "Arlind", "Bujar", "Dashnor", "Denis", "Durim", "Egzon", "Endrit",
    "Enea", "Erion", "Fation", "Flamur", "Gëzim", "Hysen", "Jetmir", "Kreshnik", "Leonard",
    "Lorenc", "Mirlind", "Olsi", "Rezart", "Skënder", "Tomor", "Visar", "Ardit", "Gazmend", "Bekim",
    "Astrit", "Luan",
];

pub(super) const ALB_FEMALE: &[&str] = &[
    "Anila", "Arjola", "Besa", "Blerina", "Brunilda", "Denada", "Dorina", "Drita", "Elira", "Elona",
    "Entela", "Erjona", "Etleva", "Fatjona", "Flutura", "Gentiana", "Ilda", "Jonida", "Klea",
    "Ledia", "Lindita", "Majlinda", "Mimoza", "Nertila", "Orjana", "Rovena", "Sidorela", "Suela",
    "Teuta", "Valbona", "Vjollca", "Xhensila", "Zamira", "Adelina", "Albana", "Alketa", "Anisa",
    "Arta", "Bora", "Dafina", "Diana", "Edlira", "Elda", "Enkeleda", "Eriselda", "Esmeralda",
    "Fjolla", "Greta", "Iris", "Jora", "Kejsi", "Lira", "Lorena", "Marsela", "Migena", "Nora",
    "Rudina", "Silvana", "Blerta",
];

pub(super) const ALB_FAMILY: &[&str] = &[
    "Hoxha", "Shehu", "Leka", "Çela", "Dervishi", "Gjoka", "Kola", "Muça", "Hysa", "Krasniqi",
    "Berisha", "Gashi", "Rama", "Meta", "Basha", "Prifti", "Marku", "Dushku", "Kuqi", "Lika",
    "Brahimi", "Ahmeti", "Aliu", "Bajrami", "Cani", "Dedja", "Duka", "Gjini", "Hasani", "Ismaili",
    "Kapllani", "Laçi", "Lleshi", "Mema", "Mulla", "Nika", "Osmani", "Pllumbi", "Qosja", "Rexha",
    "Sinani", "Topalli", "Vata", "Xhafa", "Zeqiri", "Bregu", "Daci", "Frashëri", "Gjoni", "Koci",
    "Kurti", "Malaj", "Mehmeti", "Tafa", "Zeneli", "Ndreu", "Bushati", "Çeka",
];

// ---------------------------------------------------------------------------------------
// Australia, New Zealand, United Kingdom, United States, Canada
// ---------------------------------------------------------------------------------------

pub(super) const AUS_MALE: &[&str] = &[
    "Jack", "William", "Oliver", "Thomas", "Noah", "James", "Lachlan", "Ethan", "Cooper", "Samuel",
    "Joshua", "Liam", "Lucas", "Riley", "Max", "Harrison", "Mitchell", "Jacob", "Benjamin",
    "Daniel", "Matthew", "Ryan", "Nathan", "Luke", "Dylan", "Jordan", "Brendan", "Bradley", "Shane",
    "Darren", "Craig", "Glenn", "Wayne", "Brett", "Scott", "Jason", "Andrew", "Michael", "David",
    "Peter", "Paul", "Mark", "Stephen", "John", "Robert", "Christopher", "Adam", "Aaron", "Jake",
    "Tyler", "Hamish", "Angus", "Callum", "Fletcher", "Archie", "Henry", "Hudson", "Harvey",
    "Charlie", "Leo",
];

pub(super) const AUS_FEMALE: &[&str] = &[
    "Charlotte", "Olivia", "Amelia", "Isla", "Mia", "Ava", "Grace", "Chloe", "Sophie", "Emily",
    "Ella", "Jessica", "Sarah", "Emma", "Hannah", "Georgia", "Lily", "Matilda", "Ruby", "Zoe",
    "Jasmine", "Madison", "Lauren", "Rebecca", "Kate", "Amy", "Megan", "Stephanie", "Rachel",
    "Nicole", "Michelle", "Kylie", "Melissa", "Lisa", "Karen", "Tracey", "Julie", "Jodie", "Kerry",
    "Leanne", "Natalie", "Danielle", "Tegan", "Brooke", "Courtney", "Kirra", "Jade", "Tahlia",
    "Alana", "Bianca", "Hayley", "Samantha", "Ashleigh", "Caitlin", "Elise", "Holly", "Imogen",
    "Maddison", "Sienna", "Willow",
];

pub(super) const AUS_FAMILY: &[&str] = &[
    "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin",
    "Anderson", "Thompson", "Nguyen", "Thomas", "Walker", "Harris", "Lee", "Ryan", "Robinson",
    "Kelly", "King", "Davis", "Wright", "Evans", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mitchell", "Turner", "O'Brien",
    "Murphy", "Campbell", "Scott", "Young", "Hughes", "Edwards", "Baker", "Moore", "Cooper",
    "Stewart", "Morris", "Murray", "Watson", "Hill", "Ward", "Chen", "Wang", "Singh", "Sullivan",
    "McDonald", "O'Connor", "Kennedy", "Russell", "Fraser",
];

pub(super) const NZL_MALE: &[&str] = &[
    "James", "Oliver", "Jack", "William", "Noah", "Leo", "Thomas", "George", "Lucas", "Hunter",
    "Mason", "Charlie", "Liam", "Benjamin", "Samuel", "Daniel", "Michael", "David", "John", "Peter",
    "Mark", "Paul", "Andrew", "Richard", "Stephen", "Craig", "Shane", "Grant", "Wayne", "Hamish",
    "Ryan", "Matthew", "Nathan", "Joshua", "Jacob", "Blake", "Cameron", "Tane", "Wiremu", "Nikau",
    "Rawiri", "Tama", "Manaia", "Hemi", "Mikaere", "Ari", "Tai", "Kahu", "Rangi", "Sione", "Tevita",
    "Ethan", "Luke", "Connor", "Caleb", "Jordan", "Logan", "Max", "Harry", "Finn",
];

pub(super) const NZL_FEMALE: &[&str] = &[
    "Charlotte", "Isla", "Olivia", "Amelia", "Mia", "Ava", "Harper", "Ella", "Sophie", "Emily",
    "Grace", "Ruby", "Lily", "Zoe", "Hannah", "Emma", "Sarah", "Jessica", "Rebecca", "Rachel",
    "Michelle", "Nicola", "Kate", "Anna", "Laura", "Claire", "Megan", "Amy", "Stephanie", "Natalie",
    "Georgia", "Aroha", "Mere", "Ngaio", "Kiri", "Moana", "Anahera", "Maia", "Hana", "Mihi", "Ana",
    "Mele", "Sina", "Jade", "Brooke", "Hayley", "Kayla", "Paige", "Chloe", "Freya", "Holly",
    "Isabella", "Matilda", "Willow", "Poppy", "Stella", "Aria", "Maddison",
];

pub(super) const NZL_FAMILY: &[&str] = &[
    "Smith", "Williams", "Wilson", "Brown", "Taylor", "Jones", "Singh", "Anderson", "Thompson",
    "Walker", "Martin", "Scott", "Harris", "White", "Clark", "Campbell", "King", "Young",
    "Robinson", "Mitchell", "Kelly", "Wright", "Stewart", "Johnson", "Lee", "Murray", "Edwards",
    "Hall", "Turner", "Thomas", "Ngata", "Parata", "Tipene", "Walters", "Tuhiwai", "Kereama",
    "Hohaia", "Paewai", "Tamihana", "Herewini", "Henare", "Patel", "Chen", "Wang", "Li", "Kaur",
    "Morgan", "Reid", "Ross", "Fraser", "Cameron", "Hughes", "Baker", "Green", "Hill", "Evans",
    "McDonald", "MacKenzie", "O'Connor", "Ryan", "Sullivan",
];

pub(super) const GBR_MALE: &[&str] = &[
    "David", "John", "Michael", "Paul", "Andrew", "Peter", "James", "Robert", "Mark", "Richard",
    "Stephen", "Christopher", "Ian", "Simon", "Thomas", "Daniel", "Matthew", "Gary", "Steven",
    "Anthony", "Martin", "Kevin", "Jason", "Lee", "Craig", "Stuart", "Neil", "Graham", "Alan",
    "Colin", "Jack", "Oliver", "Harry", "George", "Charlie", "Jacob", "Alfie", "Noah", "William",
    "Joshua", "Samuel", "Joseph", "Benjamin", "Luke", "Liam", "Ryan", "Adam", "Jamie", "Callum",
    "Connor", "Kieran", "Ross", "Scott", "Gareth", "Rhys", "Dylan", "Owen", "Aaron", "Nathan",
    "Harvey",
];

pub(super) const GBR_FEMALE: &[&str] = &[
    "Sarah", "Susan", "Margaret", "Elizabeth", "Helen", "Julie", "Karen", "Claire", "Emma",
    "Nicola", "Rachel", "Lisa", "Joanne", "Amanda", "Michelle", "Louise", "Laura", "Rebecca",
    "Charlotte", "Sophie", "Jessica", "Hannah", "Lauren", "Emily", "Amy", "Olivia", "Amelia",
    "Isla", "Ava", "Mia", "Grace", "Lily", "Poppy", "Ella", "Chloe", "Ellie", "Freya", "Evie",
    "Katie", "Megan", "Gemma", "Kirsty", "Zoe", "Victoria", "Catherine", "Jennifer", "Alison",
    "Deborah", "Fiona", "Jane", "Kerry", "Natalie", "Samantha", "Stacey", "Caroline", "Leanne",
    "Siobhan", "Bethan", "Carys", "Eilidh",
];

pub(super) const GBR_FAMILY: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes",
    "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin",
    "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison",
    "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price",
    "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey",
    "Collins", "Bell", "Shaw", "Murphy", "Campbell", "Stewart", "MacDonald",
];

pub(super) const USA_MALE: &[&str] = &[
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
    "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew",
    "Paul", "Joshua", "Kenneth", "Kevin", "Brian", "Timothy", "Ronald", "George", "Jason", "Edward",
    "Jeffrey", "Ryan", "Jacob", "Nicholas", "Gary", "Eric", "Jonathan", "Stephen", "Larry",
    "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick", "Frank",
    "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Nathan", "Henry",
    "Zachary", "Douglas", "Peter", "Kyle", "Noah", "Ethan", "Jeremy", "Christian", "Carlos", "Juan",
    "Luis", "DeShawn", "Marcus", "Tyrone",
];

pub(super) const USA_FEMALE: &[&str] = &[
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Karen",
    "Sarah", "Lisa", "Nancy", "Sandra", "Betty", "Ashley", "Emily", "Kimberly", "Margaret", "Donna",
    "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
    "Cynthia", "Dorothy", "Amy", "Kathleen", "Angela", "Shirley", "Emma", "Brenda", "Pamela",
    "Nicole", "Anna", "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet",
    "Maria", "Olivia", "Heather", "Helen", "Catherine", "Diane", "Julie", "Victoria", "Joyce",
    "Lauren", "Kelly", "Christina", "Ruth", "Joan", "Virginia", "Judith", "Evelyn", "Hannah",
    "Andrea", "Megan", "Cheryl", "Jacqueline", "Madison", "Sophia", "Abigail", "Teresa", "Isabella",
    "Sara", "Janice", "Martha", "Gloria", "Kathryn", "Ann", "Alexis", "Ana", "Jasmine", "Keisha",
];

pub(super) const USA_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
    "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
    "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
    "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker",
    "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook",
    "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly",
    "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
    "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo",
    "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
];

pub(super) const CAN_MALE: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
    "Christopher", "Daniel", "Matthew", "Andrew", "Ryan", "Kevin", "Brian", "Mark", "Paul",
    "Steven", "Jason", "Justin", "Tyler", "Brandon", "Eric", "Jeffrey", "Scott", "Patrick", "Sean",
    "Adam", "Nathan", "Dylan", "Liam", "Noah", "Ethan", "Logan", "Owen", "Jacob", "Benjamin",
    "Samuel", "Alexander", "Jean", "Pierre", "Marc", "Luc", "François", "Mathieu", "Guillaume",
    "Jean-François", "Sébastien", "Maxime", "Alexandre", "Olivier", "Étienne", "Gabriel", "Félix",
    "Simon", "Philippe", "Stéphane", "Michel",
];

pub(super) const CAN_FEMALE: &[&str] = &[
    "Mary", "Jennifer", "Sarah", "Jessica", "Emily", "Ashley", "Amanda", "Stephanie", "Melissa",
    "Nicole", "Michelle", "Lisa", "Karen", "Laura", "Rachel", "Megan", "Kimberly", "Heather", "Amy",
    "Rebecca", "Samantha", "Hannah", "Olivia", "Emma", "Chloe", "Sophie", "Ava", "Madison",
    "Brittany", "Kayla", "Courtney", "Danielle", "Erin", "Julie", "Marie", "Isabelle", "Catherine",
    "Geneviève", "Mélanie", "Valérie", "Véronique", "Nathalie", "Chantal", "Sylvie", "Annie",
    "Caroline", "Josée", "Audrey", "Émilie", "Camille", "Léa", "Noémie", "Maude", "Andréanne",
    "Kathleen", "Tara", "Jillian", "Lindsay", "Natasha", "Alexandra",
];

pub(super) const CAN_FAMILY: &[&str] = &[
    "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Gagnon", "Johnson",
    "Taylor", "Côté", "Campbell", "Anderson", "Leblanc", "Lee", "Jones", "White", "Williams",
    "Miller", "Thompson", "Gauthier", "Young", "Bouchard", "Scott", "Stewart", "Morin", "Lavoie",
    "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leclerc",
    "Boucher", "Clark", "Robinson", "Mitchell", "Murray", "Fraser", "MacLeod", "Reid", "Ross",
    "Graham", "Kelly", "Walker", "Wright", "Hall", "Morrison", "Patel", "Singh", "Chen", "Wong",
    "Nguyen", "Girard", "Caron", "Poirier", "Simard", "Richard",
];

// ---------------------------------------------------------------------------------------
// Belgium, Netherlands, Luxembourg
// ---------------------------------------------------------------------------------------

pub(super) const BEL_MALE: &[&str] = &[
    "Luc", "Marc", "Jan", "Peter", "Dirk", "Koen", "Bart", "Wim", "Tom", "Jeroen", "Pieter",
    "Stijn", "Wouter", "Thomas", "Nicolas", "Julien", "Maxime", "Olivier", "Philippe", "Pierre",
    "Jean", "Michel", "Patrick", "Frank", "Geert", "Kris", "Steven", "Kevin", "Jens", "Lars",
    "Arne", "Ruben", "Simon", "Lucas", "Louis", "Arthur", "Victor", "Mathieu", "Benoît",
    "Christophe", "Didier", "Vincent", "Laurent", "Sébastien", "Jonathan", "Yves", "Filip", "Guy",
    "Johan", "Bert", "Sam", "Glenn", "Dieter", "Hans", "Robbe", "Senne", "Cédric", "François",
    "Quentin", "Thibault",
];

pub(super) const BEL_FEMALE: &[&str] = &[
    "Marie", "Anne", "Sofie", "Els", "An", "Katrien", "Griet", "Lieve", "Inge", "Veerle", "Ellen",
    "Sarah", "Laura", "Julie", "Lisa", "Charlotte", "Emma", "Louise", "Lotte", "Eva", "Hanne",
    "Nathalie", "Isabelle", "Sophie", "Caroline", "Catherine", "Valérie", "Martine", "Christine",
    "Sandrine", "Stéphanie", "Aurélie", "Céline", "Camille", "Manon", "Chloé", "Elise", "Ann",
    "Kim", "Nele", "Leen", "Sien", "Febe", "Fien", "Jana", "Joke", "Karen", "Kathleen", "Liesbeth",
    "Marleen", "Nancy", "Patricia", "Sabine", "Tine", "Hilde", "Mieke", "Annelies", "Amélie",
    "Pauline", "Justine",
];

pub(super) const BEL_FAMILY: &[&str] = &[
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Hermans", "Van Damme", "Michiels",
    "Smets", "Leroy", "Lemaire", "Renard", "Laurent", "Vermeulen", "Van den Broeck", "De Clercq",
    "Pauwels", "Aerts", "Desmet", "Verhoeven", "De Backer", "Cools", "Declercq", "Stevens",
    "Hendrickx", "Dumont", "Denis", "Lejeune", "Collard", "Vandenberghe", "Martens", "Verstraete",
    "Dewulf", "De Wolf", "Segers", "Van Dyck", "Baert", "Bogaert", "Lenaerts", "Coppens", "Thys",
    "Gielen", "Mathieu", "Charlier", "François", "Leclercq", "Goffin", "Noël", "Fontaine", "Gérard",
];

pub(super) const NLD_MALE: &[&str] = &[
    "Jan", "Johannes", "Cornelis", "Hendrik", "Willem", "Pieter", "Jacobus", "Gerrit", "Dirk",
    "Kees", "Henk", "Peter", "Mark", "Dennis", "Martijn", "Bas", "Jeroen", "Sander", "Thijs",
    "Niels", "Tim", "Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Jesse", "Luuk", "Bram",
    "Lars", "Stijn", "Ruben", "Joris", "Koen", "Wouter", "Erik", "Maarten", "Marcel", "Rob",
    "Ronald", "Edwin", "Arjen", "Bart", "Frank", "Hans", "Jos", "Michiel", "Rutger", "Sjoerd",
    "Teun", "Vincent", "Wessel", "Floris", "Hugo", "Job", "Jelle", "Joost", "Mees", "Gijs",
];

pub(super) const NLD_FEMALE: &[&str] = &[
    "Maria", "Johanna", "Anna", "Cornelia", "Wilhelmina", "Elisabeth", "Sanne", "Lisa", "Anouk",
    "Fleur", "Emma", "Julia", "Sophie", "Tess", "Zoë", "Mila", "Eva", "Saar", "Lotte", "Femke",
    "Iris", "Laura", "Linda", "Marieke", "Marloes", "Ingrid", "Monique", "Petra", "Esther",
    "Annemieke", "Wendy", "Kim", "Chantal", "Mirjam", "Nicole", "Astrid", "Ellen", "Inge", "Joke",
    "Karin", "Lieke", "Manon", "Noor", "Roos", "Sara", "Yara", "Lynn", "Nina", "Isa", "Evi",
    "Floor", "Hanneke", "Ilse", "Jolanda", "Marjolein", "Mariska", "Renske", "Suzanne", "Willemijn",
    "Annelies",
];

pub(super) const NLD_FAMILY: &[&str] = &[
    "De Jong", "Jansen", "De Vries", "Van den Berg", "Van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos", "Vos", "Peters", "Hendriks",
    "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf", "Van der Meer",
    "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Heuvel", "Van der Veen",
    "Van den Broek", "De Bruijn", "De Bruin", "Van der Heijden", "Schouten", "Van Beek", "Willems",
    "Van Vliet", "Van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "Van Dam", "Van der Wal",
    "Prins", "Blom", "Huisman", "Peeters", "De Lange", "Kuipers", "Van Wijk", "Postma", "Kramer",
    "Van den Bosch", "Van Dongen", "Timmermans", "Groen",
];

pub(super) const LUX_MALE: &[&str] = &[
    "Jean", "Marc", "Paul", "Claude", "Pierre", "Michel", "Romain", "Patrick", "Guy", "Luc",
    "Laurent", "Georges", "Jos", "Gilles", "Tom", "Ben", "Max", "Luca", "Noah", "Gabriel", "Leo",
    "Liam", "Tiago", "Rafael", "João", "Pedro", "David", "Daniel", "Thomas", "Christophe",
    "Nicolas", "Yves", "Fernand", "Raymond", "Mathias", "Jeff", "Sven", "Steve", "Carlo", "Nico",
    "Charel", "Mik", "Pit", "Ralph", "Serge", "Frank", "Alain", "Philippe", "Joé", "Fränz",
    "Jérôme", "Kevin", "Lucas", "Louis", "Samuel", "Arthur", "Mike", "Sacha", "Marco",
];

pub(super) const LUX_FEMALE: &[&str] = &[
    "Marie", "Anne", "Sandra", "Nathalie", "Martine", "Christiane", "Nicole", "Claudine", "Carole",
    "Monique", "Josée", "Isabelle", "Tania", "Sylvie", "Danielle", "Françoise", "Laura", "Sarah",
    "Julie", "Lisa", "Emma", "Mia", "Lara", "Léa", "Sofia", "Ana", "Chloé", "Zoé", "Lena",
    "Charlotte", "Lynn", "Joy", "Kim", "Michèle", "Myriam", "Véronique", "Diane", "Paula",
    "Beatriz", "Catarina", "Mariana", "Inês", "Jessica", "Tessy", "Cindy", "Nadine", "Pascale",
    "Simone", "Yvonne", "Jeanne", "Mady", "Malou", "Nina", "Elena", "Amélie", "Stéphanie", "Jill",
    "Anouk", "Liz", "Mila",
];

pub(super) const LUX_FAMILY: &[&str] = &[
    "Schmit", "Muller", "Weber", "Wagner", "Hoffmann", "Thill", "Schmitz", "Klein", "Becker",
    "Kieffer", "Reuter", "Weis", "Meyer", "Schiltz", "Schroeder", "Hansen", "Welter", "Kremer",
    "Majerus", "Ries", "Faber", "Goergen", "Lentz", "Wagener", "Steichen", "Thinnes", "Schneider",
    "Back", "Bertemes", "Braun", "Feltgen", "Gengler", "Hermes", "Kayser", "Kinsch", "Krier",
    "Lanners", "Ludwig", "Mersch", "Nilles", "Pauly", "Reding", "Schaack", "Scholtes", "Theis",
    "Wirtz", "Zimmer", "Da Silva", "Pereira", "Ferreira", "Dos Santos", "Rodrigues", "Fernandes",
    "Gonçalves", "Martins", "Lopes", "Marques", "Alves", "Gomes", "Fischbach",
];

// ---------------------------------------------------------------------------------------
// Bulgaria, North Macedonia, Ukraine
// ---------------------------------------------------------------------------------------

pub(super) const BGR_MALE: &[&str] = &[
    "Georgi", "Ivan", "Dimitar", "Nikolay", "Petar", "Hristo", "Stoyan", "Todor", "Yordan", "Vasil",
    "Atanas", "Krasimir", "Plamen", "Stefan", "Aleksandar", "Martin", "Nikola", "Angel", "Kiril",
    "Lyubomir", "Valentin", "Borislav", "Emil", "Svetoslav", "Tsvetan", "Rumen", "Ventsislav",
    "Kaloyan", "Mihail", "Daniel", "Viktor", "Boyan", "Kostadin", "Radoslav", "Zhivko", "Anton",
    "Asen", "Bozhidar", "Deyan", "Evgeni", "Filip", "Galin", "Hristiyan", "Ilia", "Kamen",
    "Lachezar", "Milen", "Ognyan", "Pavel", "Rosen", "Simeon", "Teodor", "Tihomir", "Vladimir",
    "Yavor", "Zdravko", "Blagovest", "Iliyan", "Veselin", "Nedyalko",
];

pub(super) const BGR_FEMALE: &[&str] = &[
    "Maria", "Ivanka", "Elena", "Yordanka", "Penka", "Desislava", "Gergana", "Radka", "Stefka",
    "Snezhana", "Tsvetelina", "Viktoria", "Nikol", "Teodora", "Kristina", "Aleksandra", "Galina",
    "Daniela", "Petya", "Silvia", "Svetla", "Rositsa", "Margarita", "Anelia", "Boryana",
    "Dimitrina", "Emilia", "Fani", "Gabriela", "Hristina", "Iliana", "Katya", "Lyudmila", "Milena",
    "Nadezhda", "Polina", "Raya", "Simona", "Tanya", "Valentina", "Vesela", "Yana", "Zornitsa",
    "Ani", "Denitsa", "Diana", "Krasimira", "Mila", "Nevena", "Ralitsa", "Sofia", "Vanya",
    "Veselina", "Yoana", "Zlatka", "Antoaneta", "Biserka", "Dora", "Evelina",
];

pub(super) const BGR_FAMILY: &[&str] = &[
    "Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov", "Todorov",
    "Iliev", "Vasilev", "Atanasov", "Petkov", "Angelov", "Yordanov", "Kolev", "Stefanov", "Marinov",
    "Popov", "Mihaylov", "Krastev", "Kostov", "Pavlov", "Aleksandrov", "Dimov", "Yankov", "Lazarov",
    "Tsvetkov", "Kirov", "Mladenov", "Ganchev", "Bozhinov", "Zhelev", "Denev", "Slavov", "Tonchev",
    "Vladimirov", "Borisov", "Genov", "Kolarov", "Kovachev", "Stanev", "Mitev", "Nenov", "Simeonov",
    "Dobrev", "Tanev", "Zlatev", "Panayotov", "Sotirov", "Radev", "Gospodinov", "Milev", "Enchev",
    "Filipov", "Velikov", "Markov", "Asenov", "Mateev", "Andreev", "Kanev", "Rakovski", "Zografski",
];

pub(super) const MKD_MALE: &[&str] = &[
    "Aleksandar", "Nikola", "Goran", "Dragan", "Zoran", "Igor", "Dejan", "Marko", "Stefan", "Filip",
    "Petar", "Darko", "Vladimir", "Toni", "Blagoja", "Boris", "Bojan", "Vasko", "Kiril", "Ljupčo",
    "Zlatko", "Mitko", "Trajče", "Kostadin", "Hristijan", "Martin", "Damjan", "David", "Jovan",
    "Mihail", "Andrej", "Antonio", "Gjorgji", "Ilija", "Jordan", "Kristijan", "Lazar", "Metodija",
    "Naum", "Ognen", "Pece", "Sašo", "Slobodan", "Stojan", "Teodor", "Tomislav", "Vlatko", "Žarko",
    "Aco", "Borče", "Dimče", "Ivica", "Krste", "Ljubomir", "Nenad", "Risto", "Saško", "Vančo",
    "Viktor", "Emil",
];

pub(super) const MKD_FEMALE: &[&str] = &[
    "Marija", "Elena", "Ana", "Ivana", "Jovana", "Sanja", "Biljana", "Snežana", "Vesna", "Daniela",
    "Katerina", "Aleksandra", "Marina", "Jasmina", "Gordana", "Suzana", "Verica", "Violeta",
    "Lidija", "Angela", "Bojana", "Dragana", "Eleonora", "Frosina", "Irena", "Kristina", "Lina",
    "Magdalena", "Maja", "Milena", "Natalija", "Nevena", "Olivera", "Petra", "Simona", "Sara",
    "Sofija", "Teodora", "Tamara", "Vaska", "Valentina", "Zorica", "Dušica", "Blagica", "Cvetanka",
    "Emilija", "Jagoda", "Kalina", "Liljana", "Mila", "Nada", "Radmila", "Slavica", "Stefanija",
    "Tanja", "Vera", "Žaklina", "Despina", "Ljubica",
];

pub(super) const MKD_FAMILY: &[&str] = &[
    "Stojanovski", "Petrovski", "Nikolovski", "Trajkovski", "Jovanovski", "Dimitrovski",
    "Ristovski", "Stefanovski", "Angelovski", "Georgievski", "Kostovski", "Ilievski", "Todorovski",
    "Pavlovski", "Mitrevski", "Spasovski", "Naumovski", "Popovski", "Kovačevski", "Velkovski",
    "Andonovski", "Atanasovski", "Blaževski", "Gjorgjievski", "Janevski", "Kocevski", "Lazarevski",
    "Markovski", "Nedelkovski", "Trpevski", "Zdravkovski", "Dimovski", "Ivanov", "Petrov",
    "Nikolov", "Stojanov", "Dimitrov", "Trajkov", "Georgiev", "Jovanov", "Kostov", "Mitev",
    "Angelov", "Taskov", "Ristov", "Arsov", "Bogdanov", "Cvetkov", "Denkov", "Efremov", "Gligorov",
    "Hristov", "Jankulovski", "Kitanovski", "Manevski", "Micevski", "Ognenovski", "Pendarovski",
    "Siljanovski", "Zaev",
];

pub(super) const UKR_MALE: &[&str] = &[
    "Oleksandr", "Serhii", "Volodymyr", "Andrii", "Mykola", "Ivan", "Vasyl", "Yurii", "Oleh",
    "Viktor", "Dmytro", "Petro", "Mykhailo", "Vitalii", "Ihor", "Anatolii", "Bohdan", "Maksym",
    "Taras", "Roman", "Yaroslav", "Vadym", "Denys", "Artem", "Pavlo", "Ruslan", "Stepan", "Valerii",
    "Hryhorii", "Oleksii", "Yevhen", "Kostiantyn", "Vladyslav", "Nazar", "Danylo", "Illia",
    "Kyrylo", "Matvii", "Tymofii", "Yehor", "Anton", "Borys", "Fedir", "Heorhii", "Leonid",
    "Markiian", "Myroslav", "Ostap", "Rostyslav", "Sviatoslav", "Valentyn", "Vsevolod", "Zakhar",
    "Arsen", "Davyd", "Eduard", "Lev", "Orest", "Semen", "Tymur",
];

pub(super) const UKR_FEMALE: &[&str] = &[
    "Olena", "Nataliia", "Tetiana", "Iryna", "Oksana", "Svitlana", "Yuliia", "Mariia", "Halyna",
    "Liudmyla", "Nadiia", "Valentyna", "Kateryna", "Anna", "Olha", "Larysa", "Viktoriia", "Alla",
    "Inna", "Lesia", "Zoriana", "Khrystyna", "Sofiia", "Anastasiia", "Daryna", "Polina", "Veronika",
    "Diana", "Alina", "Yana", "Solomiia", "Vira", "Liubov", "Hanna", "Ivanna", "Zlata", "Marta",
    "Nina", "Raisa", "Tamara", "Lidiia", "Valeriia", "Yevheniia", "Oleksandra", "Uliana", "Mariana",
    "Myroslava", "Bohdana", "Yaroslava", "Roksolana", "Stefaniia", "Ustyna", "Liliia", "Maryna",
    "Kira", "Karyna", "Vladyslava", "Antonina", "Zinaida",
];

pub(super) const UKR_FAMILY: &[&str] = &[
    "Melnyk", "Shevchenko", "Boiko", "Kovalenko", "Bondarenko", "Tkachenko", "Kovalchuk",
    "Kravchenko", "Oliinyk", "Shevchuk", "Koval", "Polishchuk", "Bondar", "Tkachuk", "Moroz",
    "Marchenko", "Lysenko", "Rudenko", "Savchenko", "Petrenko", "Klymenko", "Pavlenko", "Kravchuk",
    "Kuzmenko", "Ponomarenko", "Savchuk", "Vasylenko", "Levchenko", "Kharchenko", "Karpenko",
    "Sydorenko", "Ivanov", "Petrov", "Sokolov", "Kovalskyi", "Zelenskyi", "Lytvyn", "Romaniuk",
    "Bilyi", "Chornyi", "Hnatiuk", "Ostapchuk", "Prykhodko", "Yurchenko", "Martyniuk", "Fedorenko",
    "Havryliuk", "Humeniuk", "Kostenko", "Demchenko", "Mazur", "Nazarenko", "Holub", "Kozak",
    "Panchenko", "Vovk", "Zhuk", "Kolesnyk", "Lutsenko", "Ivaniv", "Hrytsenko", "Didenko",
    "Stepanenko", "Ivanenko", "Yakovenko", "Dmytrenko", "Semeniuk",
];

// ---------------------------------------------------------------------------------------
// Croatia, Montenegro, Slovenia
// ---------------------------------------------------------------------------------------

pub(super) const HRV_MALE: &[&str] = &[
    "Ivan", "Marko", "Josip", "Ante", "Luka", "Tomislav", "Mario", "Stjepan", "Nikola", "Franjo",
    "Dario", "Zoran", "Goran", "Krešimir", "Damir", "Davor", "Hrvoje", "Igor", "Mislav", "Domagoj",
    "Matej", "Petar", "Filip", "Karlo", "Dino", "Bruno", "Mateo", "Leon", "Fran", "Ivica", "Mladen",
    "Željko", "Dražen", "Siniša", "Vedran", "Boris", "Antonio", "Tin", "Jakov", "Lovro", "Roko",
    "Toni", "Dominik", "Vlatko", "Zvonimir", "Branimir", "Krunoslav", "Robert", "Denis", "Matija",
    "Neven", "Nenad", "Slaven", "Tihomir", "Zlatko", "Vjekoslav", "Miroslav", "Darko", "Dragan",
    "Alen",
];

pub(super) const HRV_FEMALE: &[&str] = &[
    "Ana", "Marija", "Ivana", "Katarina", "Petra", "Maja", "Martina", "Kristina", "Nikolina",
    "Josipa", "Lucija", "Ena", "Lana", "Sara", "Mia", "Lea", "Iva", "Dora", "Karla", "Tea",
    "Marina", "Mirjana", "Snježana", "Gordana", "Vesna", "Jasna", "Sanja", "Željka", "Ljiljana",
    "Branka", "Dubravka", "Tihana", "Mateja", "Anita", "Helena", "Antonija", "Andrea", "Danijela",
    "Dijana", "Gabrijela", "Ines", "Irena", "Jelena", "Kata", "Lidija", "Matea", "Monika", "Nataša",
    "Paula", "Renata", "Sandra", "Silvija", "Tamara", "Tena", "Valentina", "Vedrana", "Zrinka",
    "Hana", "Klara", "Nika",
];

pub(super) const HRV_FAMILY: &[&str] = &[
    "Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Kovačić", "Knežević", "Vuković",
    "Marković", "Petrović", "Matić", "Tomić", "Pavlović", "Kovač", "Božić", "Blažević", "Grgić",
    "Pavić", "Radić", "Perić", "Filipović", "Šarić", "Lovrić", "Vidović", "Perković", "Popović",
    "Bošnjak", "Jukić", "Barišić", "Mandić", "Bilić", "Brkić", "Ćosić", "Galić", "Herceg",
    "Ivanković", "Jovanović", "Klarić", "Lončar", "Martinović", "Nikolić", "Novosel", "Pavičić",
    "Rukavina", "Šimić", "Tadić", "Vukelić", "Zorić", "Kolar", "Begić", "Bašić", "Miletić",
    "Josipović", "Dujmović", "Rajić", "Cindrić", "Jelić", "Golubić", "Marušić",
];

pub(super) const MNE_MALE: &[&str] = &[
    "Marko", "Nikola", "Luka", "Stefan", "Milan", "Miloš", "Dragan", "Zoran", "Vladimir",
    "Aleksandar", "Petar", "Filip", "Ivan", "Vuk", "Nemanja", "Dušan", "Danilo", "Đorđe", "Srđan",
    "Goran", "Igor", "Boris", "Darko", "Dejan", "Budimir", "Branko", "Predrag", "Radovan",
    "Slobodan", "Veselin", "Vukašin", "Andrija", "Balša", "Bojan", "Dalibor", "Jovan", "Lazar",
    "Matija", "Mihailo", "Miodrag", "Mirko", "Momčilo", "Nenad", "Novak", "Obrad", "Ognjen",
    "Pavle", "Radomir", "Ranko", "Savo", "Siniša", "Strahinja", "Tomislav", "Uroš", "Vasilije",
    "Velimir", "Željko", "Žarko", "Almir", "Emir",
];

pub(super) const MNE_FEMALE: &[&str] = &[
    "Milica", "Jelena", "Marija", "Ana", "Ivana", "Jovana", "Tijana", "Sanja", "Dragana", "Vesna",
    "Snežana", "Milena", "Nataša", "Danijela", "Gordana", "Ljiljana", "Maja", "Sara", "Teodora",
    "Anđela", "Katarina", "Kristina", "Bojana", "Biljana", "Aleksandra", "Dušica", "Jasmina",
    "Mirjana", "Olivera", "Radmila", "Slavica", "Svetlana", "Tamara", "Vera", "Zorica", "Andrea",
    "Nina", "Lana", "Nevena", "Sofija", "Una", "Vanja", "Marina", "Mila", "Petra", "Dunja",
    "Ksenija", "Ljubica", "Stanka", "Vida", "Zorana", "Dijana", "Emina", "Amra", "Azra", "Jadranka",
    "Nada", "Ružica", "Tatjana", "Branka",
];

pub(super) const MNE_FAMILY: &[&str] = &[
    "Popović", "Vujović", "Marković", "Radović", "Šćepanović", "Vuković", "Jovanović", "Đurović",
    "Perović", "Bulatović", "Nikolić", "Vujošević", "Kovačević", "Radulović", "Lekić", "Ivanović",
    "Petrović", "Đukanović", "Milić", "Vučinić", "Knežević", "Bošković", "Pejović", "Vukčević",
    "Mijušković", "Pavićević", "Stanišić", "Raičević", "Đurišić", "Lakić", "Ražnatović", "Bojović",
    "Krivokapić", "Mugoša", "Šaranović", "Jokić", "Mitrović", "Pavlović", "Drašković", "Kalezić",
    "Milošević", "Vukotić", "Laković", "Božović", "Zeković", "Ivanišević", "Obradović", "Rakočević",
    "Stojanović", "Ćetković", "Dabović", "Gazivoda", "Gardašević", "Kadić", "Ljumović", "Medojević",
    "Nikčević", "Otašević", "Prelević", "Vulević",
];

pub(super) const SVN_MALE: &[&str] = &[
    "Franc", "Janez", "Marko", "Anton", "Ivan", "Andrej", "Jožef", "Luka", "Peter", "Matej",
    "Tomaž", "Aleš", "Milan", "Bojan", "Robert", "Jože", "Rok", "Boštjan", "Matjaž", "Gregor",
    "Nejc", "Miha", "Primož", "Simon", "Jure", "Uroš", "Žiga", "Jan", "Jakob", "Tim", "Nik", "Mark",
    "David", "Anže", "Blaž", "Gašper", "Klemen", "Matic", "Tilen", "Žan", "Aljaž", "Dejan", "Igor",
    "Jernej", "Mitja", "Rado", "Stanko", "Zoran", "Damjan", "Darko", "Dušan", "Iztok", "Jurij",
    "Martin", "Mihael", "Pavel", "Samo", "Srečko", "Tadej", "Vid",
];

pub(super) const SVN_FEMALE: &[&str] = &[
    "Marija", "Ana", "Maja", "Irena", "Mojca", "Mateja", "Nina", "Barbara", "Andreja", "Petra",
    "Katja", "Eva", "Sara", "Nataša", "Tanja", "Špela", "Urška", "Tjaša", "Lara", "Zala", "Ema",
    "Lana", "Neža", "Tina", "Anja", "Nika", "Ajda", "Hana", "Klara", "Manca", "Metka", "Alenka",
    "Darja", "Helena", "Jožica", "Kristina", "Ljudmila", "Martina", "Milena", "Nada", "Polona",
    "Sabina", "Simona", "Sonja", "Vesna", "Branka", "Danica", "Jelka", "Majda", "Marjeta", "Tea",
    "Brina", "Julija", "Pia", "Vita", "Živa", "Ines", "Lucija", "Saša", "Mirjam",
];

pub(super) const SVN_FAMILY: &[&str] = &[
    "Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar", "Kos",
    "Vidmar", "Golob", "Turk", "Kralj", "Zupan", "Bizjak", "Hribar", "Korošec", "Rozman", "Kotnik",
    "Oblak", "Petek", "Kastelic", "Košir", "Žagar", "Kolar", "Hočevar", "Koren", "Zajc", "Mesarič",
    "Klemenčič", "Zorko", "Medved", "Pirc", "Kuhar", "Rupnik", "Hrovat", "Zadravec", "Lah",
    "Petrič", "Sever", "Erjavec", "Jerman", "Kavčič", "Majcen", "Pavlič", "Tomažič", "Jereb",
    "Babič", "Dolenc", "Uršič", "Leban", "Furlan", "Kranjc", "Vovk", "Breznik", "Žnidaršič",
    "Debeljak", "Bregar", "Černe", "Logar",
];

// ---------------------------------------------------------------------------------------
// Czechia, Slovakia, Poland, Hungary
// ---------------------------------------------------------------------------------------

pub(super) const CZE_MALE: &[&str] = &[
    "Jan", "Jiří", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jaroslav", "Miroslav", "Zdeněk",
    "Václav", "Michal", "František", "Jakub", "Milan", "Karel", "Lukáš", "David", "Vladimír",
    "Ondřej", "Ladislav", "Roman", "Stanislav", "Marek", "Daniel", "Radek", "Vojtěch", "Antonín",
    "Filip", "Adam", "Matěj", "Libor", "Aleš", "Vít", "Dominik", "Patrik", "Šimon", "Štěpán",
    "Tadeáš", "Vladislav", "Oldřich", "Bohumil", "Miloš", "Zbyněk", "Radim", "Kamil", "Robert",
    "Ivan", "Luboš", "Richard", "Jindřich", "Dušan", "Viktor", "Jaromír", "Bořivoj", "Kryštof",
    "Matyáš", "Hynek", "Denis", "Igor",
];

pub(super) const CZE_FEMALE: &[&str] = &[
    "Jana", "Marie", "Eva", "Hana", "Anna", "Lenka", "Kateřina", "Lucie", "Věra", "Alena", "Petra",
    "Veronika", "Jaroslava", "Tereza", "Martina", "Michaela", "Jitka", "Ludmila", "Helena",
    "Zdeňka", "Ivana", "Monika", "Eliška", "Markéta", "Jarmila", "Barbora", "Zuzana", "Dagmar",
    "Kristýna", "Adéla", "Klára", "Natálie", "Karolína", "Simona", "Pavla", "Šárka", "Irena",
    "Olga", "Marcela", "Renata", "Vlasta", "Blanka", "Denisa", "Gabriela", "Dana", "Romana",
    "Iveta", "Libuše", "Miroslava", "Radka", "Nikola", "Aneta", "Vendula", "Magdaléna", "Sabina",
    "Andrea", "Stanislava", "Božena", "Kamila", "Dominika",
];

pub(super) const CZE_FAMILY: &[&str] = &[
    "Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák",
    "Němec", "Pokorný", "Marek", "Pospíšil", "Hájek", "Jelínek", "Král", "Růžička", "Beneš",
    "Fiala", "Sedláček", "Doležal", "Zeman", "Kolář", "Navrátil", "Čermák", "Vaněk", "Urban",
    "Blažek", "Kříž", "Kovář", "Kratochvíl", "Bartoš", "Vlček", "Polák", "Musil", "Kopecký",
    "Šimek", "Konečný", "Malý", "Holub", "Štěpánek", "Staněk", "Kadlec", "Dostál", "Soukup",
    "Šťastný", "Mareš", "Moravec", "Sýkora", "Tichý", "Valenta", "Vávra", "Matoušek", "Bláha",
    "Říha", "Ševčík", "Bureš", "Hruška", "Mašek", "Havlíček", "Janda", "Krejčí",
];

pub(super) const SVK_MALE: &[&str] = &[
    "Peter", "Ján", "Jozef", "Martin", "Michal", "Tomáš", "Marek", "Lukáš", "Juraj", "Milan",
    "Ladislav", "Jakub", "Miroslav", "Pavol", "Štefan", "Vladimír", "Róbert", "Dušan", "Matej",
    "Marián", "Igor", "Roman", "Ivan", "Stanislav", "Branislav", "Daniel", "Patrik", "Richard",
    "Samuel", "Adam", "Filip", "Dominik", "Šimon", "Andrej", "Erik", "Viktor", "Rastislav",
    "Radoslav", "Vladislav", "Ľuboš", "Ľubomír", "Anton", "František", "Jaroslav", "Karol",
    "Kristián", "Matúš", "Miloš", "Norbert", "Oliver", "Rudolf", "Sebastián", "Tibor", "Vojtech",
    "Zdenko", "Emil", "Ondrej", "Kamil", "Denis", "Gabriel", "Boris",
];

pub(super) const SVK_FEMALE: &[&str] = &[
    "Mária", "Anna", "Zuzana", "Katarína", "Eva", "Jana", "Martina", "Lucia", "Ivana", "Monika",
    "Veronika", "Helena", "Margita", "Alžbeta", "Jarmila", "Ľudmila", "Gabriela", "Silvia",
    "Andrea", "Dagmar", "Miroslava", "Simona", "Barbora", "Petra", "Kristína", "Natália", "Nikola",
    "Soňa", "Viera", "Vlasta", "Terézia", "Júlia", "Ema", "Sofia", "Nina", "Laura", "Tamara",
    "Dominika", "Michaela", "Lenka", "Adriana", "Alena", "Beáta", "Denisa", "Emília", "Iveta",
    "Jozefína", "Kamila", "Lýdia", "Mariana", "Renáta", "Romana", "Stanislava", "Timea", "Viktória",
    "Zdenka", "Oľga", "Žaneta", "Anežka", "Paulína",
];

pub(super) const SVK_FAMILY: &[&str] = &[
    "Horváth", "Kováč", "Varga", "Tóth", "Nagy", "Baláž", "Szabó", "Molnár", "Balog", "Lukáč",
    "Novák", "Kollár", "Oravec", "Hudák", "Polák", "Gajdoš", "Kráľ", "Kučera", "Šimko", "Hruška",
    "Mráz", "Gašpar", "Urban", "Kmeť", "Blaho", "Krajčír", "Bartoš", "Bielik", "Dudáš", "Ďurica",
    "Holub", "Hornák", "Jurík", "Kalina", "Klimek", "Kopecký", "Kováčik", "Kuruc", "Lacko", "Macko",
    "Majerník", "Marko", "Medveď", "Mikuš", "Mihálik", "Nemec", "Ondrejka", "Pavlík", "Rusnák",
    "Sedlák", "Slovák", "Šebo", "Štefanko", "Tomko", "Vasiľ", "Zeman", "Žák", "Bednár", "Hudec",
    "Zelenák",
];

pub(super) const POL_MALE: &[&str] = &[
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Jan", "Paweł", "Michał", "Marcin", "Stanisław",
    "Jakub", "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz",
    "Zbigniew", "Jerzy", "Maciej", "Rafał", "Robert", "Kamil", "Józef", "Szymon", "Jacek",
    "Ryszard", "Kacper", "Bartosz", "Tadeusz", "Dawid", "Artur", "Daniel", "Janusz", "Sebastian",
    "Przemysław", "Damian", "Patryk", "Sławomir", "Filip", "Mirosław", "Karol", "Antoni",
    "Franciszek", "Aleksander", "Wiktor", "Igor", "Hubert", "Oskar", "Dominik", "Adrian", "Henryk",
    "Kazimierz", "Leszek", "Roman", "Waldemar", "Zdzisław", "Bogdan", "Wiesław",
];

pub(super) const POL_FEMALE: &[&str] = &[
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
    "Elżbieta", "Magdalena", "Joanna", "Zofia", "Aleksandra", "Monika", "Teresa", "Danuta",
    "Natalia", "Julia", "Karolina", "Marta", "Beata", "Dorota", "Halina", "Jadwiga", "Janina",
    "Alicja", "Jolanta", "Iwona", "Grażyna", "Paulina", "Justyna", "Bożena", "Urszula", "Renata",
    "Hanna", "Helena", "Oliwia", "Maja", "Zuzanna", "Lena", "Wiktoria", "Amelia", "Emilia",
    "Gabriela", "Patrycja", "Weronika", "Sylwia", "Izabela", "Kinga", "Marzena", "Dominika",
    "Klaudia", "Martyna", "Wanda", "Stanisława", "Irena", "Lucyna", "Mirosława", "Edyta", "Aneta",
];

pub(super) const POL_FAMILY: &[&str] = &[
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając",
    "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski",
    "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk", "Dudek", "Nowicki", "Pawlak",
    "Górski", "Witkowski", "Walczak", "Sikora", "Baran", "Rutkowski", "Michalak", "Szewczyk",
    "Ostrowski", "Tomaszewski", "Pietrzak", "Zalewski", "Wróblewski", "Marciniak", "Jasiński",
    "Zawadzki", "Bąk", "Jakubowski", "Sadowski", "Duda", "Włodarczyk", "Wilk", "Chmielewski",
    "Borkowski", "Sokołowski", "Szczepański", "Lis", "Mazurek", "Kubiak", "Wysocki",
];

pub(super) const HUN_MALE: &[&str] = &[
    "László", "István", "József", "János", "Zoltán", "Sándor", "Gábor", "Ferenc", "Attila", "Péter",
    "Tamás", "Zsolt", "Tibor", "András", "Csaba", "Imre", "Lajos", "György", "Balázs", "Gyula",
    "Mihály", "Károly", "Róbert", "Dávid", "Bence", "Máté", "Ádám", "Dániel", "Levente", "Márk",
    "Kristóf", "Norbert", "Krisztián", "Ákos", "Gergely", "Dénes", "Miklós", "Béla", "Szabolcs",
    "Viktor", "Richárd", "Roland", "Milán", "Dominik", "Bálint", "Benedek", "Barnabás", "Botond",
    "Marcell", "Olivér", "Zsombor", "Áron", "Kálmán", "Ernő", "Géza", "Endre", "Antal", "Árpád",
    "Jenő", "Tivadar",
];

pub(super) const HUN_FEMALE: &[&str] = &[
    "Mária", "Erzsébet", "Katalin", "Ilona", "Éva", "Anna", "Zsuzsanna", "Margit", "Judit", "Ágnes",
    "Andrea", "Erika", "Krisztina", "Ildikó", "Szilvia", "Mónika", "Edit", "Gabriella", "Anita",
    "Eszter", "Tímea", "Nikoletta", "Viktória", "Anikó", "Beáta", "Zsófia", "Réka", "Dóra", "Petra",
    "Lilla", "Hanna", "Luca", "Boglárka", "Csenge", "Fanni", "Flóra", "Jázmin", "Kitti", "Lili",
    "Noémi", "Orsolya", "Rita", "Veronika", "Adrienn", "Barbara", "Brigitta", "Dorina", "Emese",
    "Enikő", "Gizella", "Henrietta", "Hajnalka", "Irén", "Julianna", "Kinga", "Klára", "Melinda",
    "Piroska", "Rozália", "Tünde",
];

pub(super) const HUN_FAMILY: &[&str] = &[
    "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas",
    "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon", "Rácz", "Fekete",
    "Szilágyi", "Török", "Fehér", "Balázs", "Gál", "Kis", "Szűcs", "Kocsis", "Orsós", "Pintér",
    "Fodor", "Szalai", "Sipos", "Magyar", "Lukács", "Gulyás", "Biró", "Király", "Balog", "László",
    "Katona", "Jakab", "Bogdán", "Sándor", "Boros", "Fazekas", "Kelemen", "Antal", "Orosz",
    "Somogyi", "Fülöp", "Veres", "Budai", "Vincze", "Hegedűs", "Deák", "Pap", "Bálint", "Illés",
    "Pálfi",
];

// ---------------------------------------------------------------------------------------
// Nordic countries
// ---------------------------------------------------------------------------------------

pub(super) const DNK_MALE: &[&str] = &[
    "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jan", "Niels", "Anders",
    "Christian", "Morten", "Jesper", "Martin", "Hans", "Mads", "Rasmus", "Jørgen", "Per", "Ole",
    "Kim", "Mikkel", "Frederik", "Kasper", "Mathias", "Jacob", "Nikolaj", "Kristian", "Jonas",
    "Steen", "Brian", "Bo", "Torben", "Poul", "Erik", "Claus", "Allan", "Simon", "Emil", "Oliver",
    "William", "Lucas", "Magnus", "Villads", "Anton", "Oscar", "Carl", "Alexander", "Sebastian",
    "Jeppe", "Troels", "Bjarne", "Flemming", "Kenneth", "Dennis", "Thor", "Asger", "Esben",
    "Mogens", "Bent",
];

pub(super) const DNK_FEMALE: &[&str] = &[
    "Anne", "Kirsten", "Mette", "Hanne", "Anna", "Helle", "Susanne", "Lene", "Maria", "Marianne",
    "Lone", "Camilla", "Pia", "Louise", "Charlotte", "Inge", "Bente", "Tina", "Gitte", "Karen",
    "Julie", "Mia", "Ida", "Emma", "Sofie", "Laura", "Freja", "Clara", "Caroline", "Cecilie",
    "Line", "Maja", "Signe", "Trine", "Rikke", "Stine", "Sanne", "Malene", "Dorthe", "Birgitte",
    "Jette", "Lise", "Ulla", "Vibeke", "Tove", "Grethe", "Astrid", "Ellen", "Frida", "Josefine",
    "Katrine", "Nanna", "Sara", "Ditte", "Pernille", "Christina", "Maiken", "Lærke", "Sidsel",
    "Marie",
];

pub(super) const DNK_FAMILY: &[&str] = &[
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen",
    "Holm", "Kristiansen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Jeppesen",
    "Vestergaard", "Mogensen", "Nissen", "Lauridsen", "Kjær", "Jepsen", "Carlsen", "Berg", "Dam",
    "Bach", "Thygesen", "Østergaard", "Nørgaard", "Bertelsen", "Danielsen", "Gregersen",
    "Mathiesen", "Lassen", "Friis", "Skov", "Krog", "Bruun",
];

pub(super) const FIN_MALE: &[&str] = &[
    "Juha", "Timo", "Matti", "Kari", "Mikko", "Jari", "Antti", "Jukka", "Mika", "Markku", "Pekka",
    "Hannu", "Heikki", "Seppo", "Janne", "Ari", "Sami", "Petri", "Ville", "Tuomas", "Marko", "Jani",
    "Lauri", "Joni", "Teemu", "Jussi", "Eero", "Aleksi", "Juho", "Onni", "Elias", "Leo", "Eino",
    "Väinö", "Oliver", "Niilo", "Veeti", "Aatu", "Henri", "Joonas", "Olli", "Pasi", "Tapio", "Esa",
    "Kalle", "Tommi", "Vesa", "Jarmo", "Arto", "Harri", "Kimmo", "Pentti", "Risto", "Tero", "Toni",
    "Jouni", "Erkki", "Lasse", "Oskari", "Valtteri",
];

pub(super) const FIN_FEMALE: &[&str] = &[
    "Anne", "Tuula", "Päivi", "Anna", "Leena", "Riitta", "Pirjo", "Sari", "Minna", "Tiina", "Marja",
    "Kaisa", "Maria", "Johanna", "Laura", "Heidi", "Hanna", "Sanna", "Elina", "Katja", "Satu",
    "Merja", "Eija", "Helena", "Sirpa", "Outi", "Jenni", "Emmi", "Aino", "Eveliina", "Aada", "Ella",
    "Emma", "Sofia", "Venla", "Iida", "Siiri", "Lotta", "Ilona", "Noora", "Milla", "Essi", "Saara",
    "Henna", "Anu", "Mervi", "Susanna", "Tarja", "Kirsi", "Marjo", "Niina", "Pia", "Reetta", "Suvi",
    "Tanja", "Ulla", "Virpi", "Annika", "Jaana", "Krista",
];

pub(super) const FIN_FAMILY: &[&str] = &[
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
    "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen",
    "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen", "Leinonen", "Hiltunen",
    "Miettinen", "Pitkänen", "Aaltonen", "Manninen", "Hakala", "Anttila", "Laaksonen", "Kallio",
    "Rinne", "Ojala", "Väisänen", "Lindholm", "Nurmi", "Lindroos", "Peltonen", "Seppälä",
    "Hirvonen", "Koivisto", "Räsänen", "Leppänen", "Lindqvist", "Kettunen", "Hyvönen", "Honkanen",
    "Kokkonen", "Mustonen", "Rautio", "Toivonen",
];

pub(super) const ISL_MALE: &[&str] = &[
    "Jón", "Sigurður", "Guðmundur", "Gunnar", "Ólafur", "Einar", "Kristján", "Magnús", "Stefán",
    "Jóhann", "Björn", "Árni", "Helgi", "Halldór", "Pétur", "Bjarni", "Þórður", "Ragnar", "Sveinn",
    "Haraldur", "Gísli", "Þorsteinn", "Birgir", "Óskar", "Ásgeir", "Baldur", "Hannes", "Eiríkur",
    "Egill", "Snorri", "Atli", "Davíð", "Aron", "Alexander", "Viktor", "Arnar", "Jökull", "Kári",
    "Hrafn", "Andri", "Tómas", "Daníel", "Elías", "Benedikt", "Friðrik", "Guðni", "Hilmar", "Ingi",
    "Jónas", "Karl", "Logi", "Ari", "Axel", "Bragi", "Finnur", "Grímur", "Hjalti", "Ívar", "Rúnar",
    "Valur",
];

pub(super) const ISL_FEMALE: &[&str] = &[
    "Guðrún", "Anna", "Kristín", "Sigríður", "Margrét", "Helga", "Sigrún", "Ingibjörg", "Jóhanna",
    "María", "Katrín", "Elín", "Ásta", "Hildur", "Ragnheiður", "Þórunn", "Guðbjörg", "Ólöf",
    "Steinunn", "Birna", "Erla", "Halla", "Sólveig", "Hulda", "Edda", "Bryndís", "Auður", "Arna",
    "Berglind", "Björk", "Dagný", "Embla", "Eva", "Freyja", "Hafdís", "Hanna", "Heiða",
    "Hrafnhildur", "Íris", "Lilja", "Rakel", "Sara", "Sóley", "Tinna", "Unnur", "Vigdís", "Þóra",
    "Aníta", "Agnes", "Brynja", "Ester", "Fanney", "Guðný", "Harpa", "Inga", "Jóna", "Kolbrún",
    "Laufey", "Marta", "Rós",
];

/// Genitive stems of fathers' given names: stem + "son" / stem + "dóttir" gives the
/// patronymic (Jóns → Jónsson / Jónsdóttir, Helga → Helgason / Helgadóttir).
pub(super) const ISL_FAMILY: &[&str] = &[
    "Jóns", "Sigurðs", "Guðmunds", "Gunnars", "Ólafs", "Einars", "Kristjáns", "Magnús", "Stefáns",
    "Jóhanns", "Björns", "Árna", "Helga", "Halldórs", "Péturs", "Bjarna", "Þórðar", "Ragnars",
    "Sveins", "Haralds", "Gísla", "Þorsteins", "Birgis", "Óskars", "Ásgeirs", "Baldurs", "Hannes",
    "Eiríks", "Egils", "Snorra", "Atla", "Davíðs", "Arnar", "Kára", "Hrafns", "Andra", "Tómas",
    "Daníels", "Elías", "Benedikts", "Friðriks", "Guðna", "Hilmars", "Inga", "Jónas", "Karls",
    "Loga", "Ara", "Axels", "Braga", "Finns", "Gríms", "Hjalta", "Ívars", "Rúnars", "Vals",
    "Harðar", "Sigurjóns", "Kristins", "Ingólfs",
];

pub(super) const NOR_MALE: &[&str] = &[
    "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Thomas", "Hans",
    "Geir", "Tor", "Morten", "Terje", "Odd", "Erik", "Martin", "Andreas", "Rune", "Trond", "John",
    "Anders", "Espen", "Jon", "Kristian", "Harald", "Øyvind", "Tore", "Stian", "Magnus", "Jonas",
    "Henrik", "Sindre", "Eirik", "Håkon", "Sander", "Mathias", "Emil", "Kristoffer", "Fredrik",
    "Even", "Vegard", "Sigurd", "Aksel", "Filip", "Oskar", "Jakob", "Noah", "William", "Olav",
    "Helge", "Leif", "Egil", "Gunnar", "Steinar", "Roar", "Torbjørn", "Asbjørn", "Ivar",
];

pub(super) const NOR_FEMALE: &[&str] = &[
    "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg", "Hilde",
    "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nina", "Ragnhild", "Elisabeth", "Kristin",
    "Bente", "Heidi", "Silje", "Hanne", "Gerd", "Linda", "Tone", "Elin", "Anita", "Wenche", "Turid",
    "Camilla", "Ingeborg", "Julie", "Nora", "Emma", "Sara", "Thea", "Ingvild", "Maria", "Maja",
    "Sofie", "Tiril", "Hedda", "Vilde", "Mari", "Kristine", "Karoline", "Mathilde", "Frida", "Guro",
    "Siri", "Synnøve", "Torill", "Unni", "Åse", "Gunhild", "Eli", "Trine", "Marte",
];

pub(super) const NOR_FAMILY: &[&str] = &[
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund",
    "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
    "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen",
    "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke",
    "Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Andresen", "Nielsen",
    "Knudsen", "Evensen",
];

pub(super) const SWE_MALE: &[&str] = &[
    "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jan", "Thomas", "Daniel",
    "Fredrik", "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Bengt", "Nils", "Björn", "Jonas",
    "Marcus", "Mattias", "Niklas", "Oskar", "Alexander", "Gustav", "Viktor", "Emil", "Filip",
    "Oliver", "Lucas", "William", "Liam", "Hugo", "Axel", "Elias", "Isak", "Ludvig", "Adam",
    "Anton", "Sebastian", "Kristoffer", "Robin", "Simon", "Patrik", "Henrik", "Göran", "Leif",
    "Sven", "Ulf", "Åke", "Olof", "Rolf", "Stig", "Tobias", "Joakim", "Christer", "Jesper", "Linus",
];

pub(super) const SWE_FEMALE: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Ingrid",
    "Marie", "Malin", "Jenny", "Hanna", "Linda", "Elin", "Sofia", "Ida", "Julia", "Elsa", "Alice",
    "Maja", "Ella", "Wilma", "Ebba", "Alva", "Astrid", "Saga", "Agnes", "Freja", "Klara", "Lisa",
    "Johanna", "Annika", "Camilla", "Helena", "Ulla", "Birgitta", "Margareta", "Elisabeth", "Inger",
    "Gunilla", "Susanne", "Anneli", "Cecilia", "Therese", "Frida", "Matilda", "Moa", "Tove",
    "Louise", "Emelie", "Josefin", "Amanda", "Caroline", "Sanna", "Åsa", "Ylva", "Lovisa", "Stina",
];

pub(super) const SWE_FAMILY: &[&str] = &[
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
    "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren",
    "Axelsson", "Berg", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson",
    "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Ali",
    "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson",
    "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg",
    "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist",
];

// ---------------------------------------------------------------------------------------
// Baltic states
// ---------------------------------------------------------------------------------------

pub(super) const EST_MALE: &[&str] = &[
    "Andres", "Tõnu", "Jaan", "Toomas", "Mart", "Rein", "Peeter", "Aivar", "Margus", "Urmas",
    "Tarmo", "Priit", "Indrek", "Siim", "Kristjan", "Rasmus", "Martin", "Marko", "Kaspar", "Karl",
    "Markus", "Oliver", "Robin", "Sander", "Ott", "Taavi", "Tanel", "Rainer", "Raul", "Meelis",
    "Hannes", "Jüri", "Mihkel", "Ants", "Kalev", "Lauri", "Madis", "Mattias", "Erik", "Henri",
    "Hendrik", "Joosep", "Kevin", "Marek", "Janek", "Ivo", "Veiko", "Alar", "Arvo", "Enn", "Heiki",
    "Jaanus", "Kaido", "Lembit", "Olev", "Raivo", "Sulev", "Tiit", "Villem",
];

pub(super) const EST_FEMALE: &[&str] = &[
    "Maria", "Anna", "Tiina", "Kadri", "Kristiina", "Katrin", "Piret", "Merike", "Liis", "Kati",
    "Mari", "Triin", "Kairi", "Helen", "Laura", "Sandra", "Anu", "Eha", "Ene", "Ülle", "Tiiu",
    "Malle", "Maie", "Ly", "Ave", "Kerli", "Kertu", "Grete", "Getter", "Hanna", "Johanna", "Emma",
    "Mia", "Sofia", "Lisandra", "Eliise", "Marleen", "Karmen", "Signe", "Reet", "Riina", "Kaja",
    "Evelin", "Mirjam", "Annika", "Elina", "Egle", "Helina", "Aet", "Siiri", "Pille", "Tuuli",
    "Heli", "Marju", "Merle", "Elo", "Triinu", "Linda", "Liina", "Hele",
];

pub(super) const EST_FAMILY: &[&str] = &[
    "Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel", "Lepik",
    "Luik", "Kaasik", "Lõhmus", "Raudsepp", "Vaher", "Kõiv", "Kallas", "Teder", "Mets", "Laur",
    "Kuusk", "Lill", "Oja", "Põder", "Kivi", "Kangur", "Karu", "Jõgi", "Rätsep", "Lepp", "Kull",
    "Ots", "Peterson", "Kruus", "Toom", "Aas", "Mänd", "Paju", "Sild", "Org", "Uibo", "Jürgens",
    "Nurk", "Vares", "Laas", "Kütt", "Allik", "Männik", "Roos", "Järv", "Hunt", "Kuusik", "Parts",
    "Kolk", "Tomson", "Kalda", "Raud", "Liiv", "Unt",
];

pub(super) const LVA_MALE: &[&str] = &[
    "Jānis", "Andris", "Mārtiņš", "Pēteris", "Aivars", "Edgars", "Māris", "Juris", "Kristaps",
    "Gints", "Artūrs", "Roberts", "Raivis", "Ivars", "Guntis", "Valdis", "Uldis", "Aigars",
    "Armands", "Dainis", "Normunds", "Ainārs", "Rihards", "Reinis", "Kārlis", "Emīls", "Markuss",
    "Ralfs", "Gustavs", "Oskars", "Daniels", "Rolands", "Toms", "Matīss", "Miks", "Dāvis",
    "Edvards", "Gatis", "Intars", "Kaspars", "Krišjānis", "Lauris", "Mareks", "Nauris", "Oļegs",
    "Ojārs", "Raimonds", "Sandis", "Sergejs", "Tālis", "Uģis", "Viesturs", "Zigmārs", "Agris",
    "Arnis", "Egils", "Ģirts", "Imants", "Jurģis", "Vilnis",
];

pub(super) const LVA_FEMALE: &[&str] = &[
    "Anna", "Kristīne", "Inese", "Ilze", "Līga", "Laura", "Dace", "Sanita", "Ieva", "Linda", "Zane",
    "Santa", "Evija", "Agnese", "Elīna", "Anita", "Inga", "Marta", "Sofija", "Alise", "Emīlija",
    "Paula", "Viktorija", "Katrīna", "Madara", "Rūta", "Baiba", "Dagnija", "Daiga", "Gunta",
    "Ināra", "Iveta", "Jolanta", "Kristiāna", "Lelde", "Liene", "Maija", "Māra", "Rasma", "Sandra",
    "Signe", "Silvija", "Solvita", "Vija", "Zaiga", "Aija", "Ausma", "Beāte", "Diāna", "Elza",
    "Estere", "Gita", "Ilona", "Justīne", "Karīna", "Laila", "Lāsma", "Nora", "Olga", "Renāte",
];

pub(super) const LVA_FAMILY: &[&str] = &[
    "Bērziņš", "Kalniņš", "Ozols", "Jansons", "Ozoliņš", "Liepiņš", "Krūmiņš", "Balodis", "Eglītis",
    "Zariņš", "Pētersons", "Vītols", "Kļaviņš", "Kārkliņš", "Vanags", "Zeltiņš", "Lācis", "Siliņš",
    "Gailis", "Pļaviņš", "Strazdiņš", "Lapiņš", "Dzenis", "Bērzs", "Sproģis", "Kalns", "Grīnbergs",
    "Āboliņš", "Ivanovs", "Petrovs", "Kuzņecovs", "Smirnovs", "Vasiļjevs", "Jakovļevs", "Sīlis",
    "Cīrulis", "Kreicbergs", "Lūsis", "Rozenbergs", "Vilks", "Priede", "Mednis", "Kronbergs",
    "Rudzītis", "Freimanis", "Zvirbulis", "Dūmiņš", "Andersons", "Jēkabsons", "Kaļķis", "Āboltiņš",
    "Blūms", "Krastiņš", "Zālītis", "Rubenis", "Skuja", "Kalējs", "Kociņš",
];

pub(super) const LTU_MALE: &[&str] = &[
    "Jonas", "Petras", "Antanas", "Juozas", "Kazimieras", "Vytautas", "Algirdas", "Darius",
    "Mindaugas", "Tomas", "Andrius", "Marius", "Gintaras", "Audrius", "Saulius", "Rimantas",
    "Žydrūnas", "Arūnas", "Linas", "Paulius", "Mantas", "Lukas", "Matas", "Dominykas", "Jokūbas",
    "Nojus", "Kajus", "Rokas", "Deividas", "Edvinas", "Aurimas", "Donatas", "Giedrius", "Ignas",
    "Justinas", "Karolis", "Laurynas", "Martynas", "Nerijus", "Povilas", "Ramūnas", "Simonas",
    "Tadas", "Vaidas", "Vilius", "Žilvinas", "Egidijus", "Evaldas", "Gediminas", "Kęstutis",
    "Aleksandras", "Artūras", "Benas", "Dainius", "Eimantas", "Ernestas", "Gytis", "Julius",
    "Kristupas", "Valdas",
];

pub(super) const LTU_FEMALE: &[&str] = &[
    "Ona", "Janina", "Irena", "Danutė", "Aldona", "Regina", "Rasa", "Daiva", "Vida", "Laima",
    "Rūta", "Jurgita", "Kristina", "Inga", "Asta", "Giedrė", "Vilma", "Lina", "Eglė", "Ieva",
    "Agnė", "Gabija", "Austėja", "Emilija", "Kamilė", "Urtė", "Goda", "Gintarė", "Indrė", "Justė",
    "Miglė", "Rugilė", "Ugnė", "Viktorija", "Simona", "Monika", "Aistė", "Aušra", "Birutė", "Dalia",
    "Edita", "Gražina", "Jolanta", "Loreta", "Milda", "Neringa", "Renata", "Sandra", "Vaida",
    "Živilė", "Akvilė", "Augustė", "Deimantė", "Elzė", "Greta", "Liepa", "Paulina", "Skaistė",
    "Vaiva", "Raminta",
];

pub(super) const LTU_FAMILY: &[&str] = &[
    "Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas", "Žukauskas", "Butkus",
    "Paulauskas", "Urbonas", "Kavaliauskas", "Baranauskas", "Pocius", "Navickas", "Sakalauskas",
    "Lukoševičius", "Ramanauskas", "Adomaitis", "Jonaitis", "Petraitis", "Kairys", "Rimkus",
    "Žilinskas", "Mockus", "Balčiūnas", "Grigas", "Šimkus", "Vaitkus", "Mikalauskas", "Rutkauskas",
    "Kaminskas", "Mažeika", "Stonkus", "Bartkus", "Kubilius", "Sabonis", "Kazakevičius", "Norkus",
    "Marcinkevičius", "Savickas", "Šukys", "Tamošiūnas", "Žemaitis", "Vaitkevičius", "Bielskis",
    "Gudaitis", "Jasaitis", "Karalius", "Lukšys", "Mačiulis", "Paškevičius", "Stasiulis",
    "Urbonavičius", "Vaičiulis", "Valančius", "Dambrauskas", "Bernotas", "Budrys", "Čepulis",
];

// ---------------------------------------------------------------------------------------
// Western and Southern Europe
// ---------------------------------------------------------------------------------------

pub(super) const DEU_MALE: &[&str] = &[
    "Michael", "Thomas", "Andreas", "Stefan", "Christian", "Markus", "Peter", "Wolfgang", "Klaus",
    "Jürgen", "Frank", "Uwe", "Bernd", "Ralf", "Sven", "Tobias", "Daniel", "Alexander", "Jan",
    "Sebastian", "Florian", "Matthias", "Dirk", "Jörg", "Martin", "Torsten", "Holger", "Kai",
    "Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Maximilian", "Niklas", "Tim", "Julian",
    "Moritz", "Philipp", "Fabian", "Dominik", "Patrick", "Marcel", "Dennis", "Kevin", "Benjamin",
    "Simon", "Johannes", "Hans", "Günter", "Manfred", "Dieter", "Helmut", "Rainer", "Heinz", "Karl",
    "Oliver", "Carsten", "Nils",
];

pub(super) const DEU_FEMALE: &[&str] = &[
    "Sabine", "Petra", "Andrea", "Claudia", "Susanne", "Monika", "Birgit", "Stefanie", "Nicole",
    "Katrin", "Anja", "Julia", "Sandra", "Christina", "Melanie", "Kerstin", "Heike", "Martina",
    "Ursula", "Gabriele", "Karin", "Angelika", "Renate", "Silke", "Anna", "Lena", "Laura", "Lisa",
    "Sarah", "Hannah", "Leonie", "Lea", "Marie", "Sophie", "Emma", "Mia", "Johanna", "Katharina",
    "Jana", "Franziska", "Vanessa", "Jessica", "Jennifer", "Nadine", "Tanja", "Daniela", "Simone",
    "Bettina", "Doris", "Elke", "Ingrid", "Jutta", "Kathrin", "Lara", "Nina", "Sina", "Svenja",
    "Vera", "Ute", "Annika",
];

pub(super) const DEU_FAMILY: &[&str] = &[
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
    "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann",
    "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller",
    "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank",
    "Berger", "Winkler", "Roth", "Beck", "Lorenz",
];

pub(super) const FRA_MALE: &[&str] = &[
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Daniel",
    "Thierry", "Éric", "Frédéric", "Laurent", "Sébastien", "Julien", "David", "Stéphane", "Pascal",
    "Olivier", "Thomas", "Antoine", "Alexandre", "Maxime", "Guillaume", "Vincent", "Romain",
    "Kévin", "Florian", "Jérôme", "Mathieu", "Lucas", "Hugo", "Louis", "Théo", "Nathan", "Enzo",
    "Gabriel", "Arthur", "Raphaël", "Jules", "Léo", "Clément", "Benjamin", "Quentin", "Adrien",
    "Damien", "Bruno", "Gilles", "Didier", "Yannick", "Cédric", "Fabrice", "François", "Bernard",
    "Jacques", "Baptiste", "Valentin", "Loïc", "Hervé", "Xavier",
];

pub(super) const FRA_FEMALE: &[&str] = &[
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Sandrine",
    "Valérie", "Céline", "Stéphanie", "Sophie", "Julie", "Aurélie", "Émilie", "Caroline", "Camille",
    "Laura", "Manon", "Chloé", "Léa", "Emma", "Sarah", "Pauline", "Marine", "Mathilde", "Charlotte",
    "Inès", "Jade", "Louise", "Alice", "Juliette", "Lucie", "Clara", "Anaïs", "Audrey", "Élodie",
    "Virginie", "Véronique", "Martine", "Monique", "Nicole", "Sabine", "Brigitte", "Patricia",
    "Anne", "Hélène", "Claire", "Laetitia", "Mélanie", "Margaux", "Océane", "Justine", "Élise",
    "Agathe", "Adèle", "Zoé", "Coralie", "Delphine", "Karine",
];

pub(super) const FRA_FAMILY: &[&str] = &[
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin",
    "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis",
    "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
];

pub(super) const ITA_MALE: &[&str] = &[
    "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo",
    "Pietro", "Salvatore", "Carlo", "Franco", "Domenico", "Bruno", "Paolo", "Michele", "Giorgio",
    "Aldo", "Sergio", "Luciano", "Marco", "Alessandro", "Andrea", "Luca", "Matteo", "Lorenzo",
    "Davide", "Simone", "Federico", "Riccardo", "Stefano", "Roberto", "Massimo", "Fabio", "Daniele",
    "Emanuele", "Gabriele", "Leonardo", "Tommaso", "Edoardo", "Filippo", "Nicola", "Alberto",
    "Claudio", "Enrico", "Fabrizio", "Gianluca", "Maurizio", "Raffaele", "Cristian", "Diego",
    "Giacomo", "Mattia", "Samuele", "Alessio", "Valerio", "Ivan", "Ettore", "Dario", "Gennaro",
];

pub(super) const ITA_FEMALE: &[&str] = &[
    "Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela",
    "Caterina", "Francesca", "Antonietta", "Elena", "Chiara", "Sara", "Giulia", "Martina",
    "Alessandra", "Valentina", "Federica", "Silvia", "Laura", "Paola", "Roberta", "Simona", "Elisa",
    "Cristina", "Barbara", "Daniela", "Monica", "Sofia", "Aurora", "Alice", "Ginevra", "Emma",
    "Giorgia", "Greta", "Beatrice", "Ilaria", "Serena", "Veronica", "Claudia", "Stefania", "Marta",
    "Michela", "Eleonora", "Arianna", "Camilla", "Noemi", "Rita", "Patrizia", "Gabriella",
    "Rossella", "Luisa", "Carla", "Franca", "Graziella", "Manuela", "Nadia", "Irene",
];

pub(super) const ITA_FAMILY: &[&str] = &[
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
    "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
    "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo",
    "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro",
    "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis",
    "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti",
];

pub(super) const ESP_MALE: &[&str] = &[
    "Antonio", "José", "Manuel", "Francisco", "David", "Juan", "Javier", "Daniel", "Jesús",
    "Carlos", "Alejandro", "Miguel", "Rafael", "Pedro", "Pablo", "Ángel", "Sergio", "Fernando",
    "Jorge", "Luis", "Alberto", "Álvaro", "Adrián", "Diego", "Raúl", "Enrique", "Iván", "Rubén",
    "Óscar", "Andrés", "Ramón", "Vicente", "Joaquín", "Santiago", "Víctor", "Eduardo", "Mario",
    "Roberto", "Jaime", "Marcos", "Ignacio", "Alfonso", "Hugo", "Gonzalo", "Guillermo", "Salvador",
    "Mateo", "Martín", "Lucas", "Leo", "Marc", "Jordi", "Iker", "Unai", "Aitor", "Gabriel",
    "Emilio", "Julián", "Tomás", "Nicolás",
];

pub(super) const ESP_FEMALE: &[&str] = &[
    "María", "Carmen", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Lucía", "Pilar", "Dolores",
    "Paula", "Elena", "Sara", "Raquel", "Rosa", "Manuela", "Mercedes", "Teresa", "Beatriz", "Nuria",
    "Silvia", "Julia", "Irene", "Patricia", "Rocío", "Andrea", "Alba", "Montserrat", "Mónica",
    "Rosario", "Encarnación", "Sonia", "Sandra", "Eva", "Inmaculada", "Marina", "Ángela", "Sofía",
    "Martina", "Daniela", "Valeria", "Claudia", "Noelia", "Natalia", "Esther", "Alicia", "Inés",
    "Lorena", "Nerea", "Miriam", "Verónica", "Susana", "Yolanda", "Amparo", "Concepción", "Gloria",
    "Lidia", "Aitana", "Carla", "Ainhoa",
];

pub(super) const ESP_FAMILY: &[&str] = &[
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
    "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro",
    "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés",
    "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo",
    "Gallego", "Vidal", "León", "Márquez", "Herrera", "Peña", "Flores",
];

pub(super) const PRT_MALE: &[&str] = &[
    "José", "João", "António", "Francisco", "Manuel", "Luís", "Carlos", "Paulo", "Pedro", "Jorge",
    "Miguel", "Rui", "Nuno", "Ricardo", "Tiago", "Bruno", "André", "Filipe", "Diogo", "Gonçalo",
    "Rodrigo", "Afonso", "Tomás", "Duarte", "Martim", "Santiago", "Guilherme", "Gabriel", "Lucas",
    "Vasco", "Rafael", "Hugo", "Fernando", "Joaquim", "Mário", "Alexandre", "Vítor", "Sérgio",
    "Fábio", "Hélder", "Marco", "Daniel", "David", "Eduardo", "Henrique", "Jaime", "Leonardo",
    "Lourenço", "Mateus", "Samuel", "Simão", "Sebastião", "Artur", "Armando", "Alberto", "Abílio",
    "Domingos", "Álvaro", "Renato", "Telmo",
];

pub(super) const PRT_FEMALE: &[&str] = &[
    "Maria", "Ana", "Joana", "Inês", "Sofia", "Beatriz", "Mariana", "Catarina", "Rita", "Sara",
    "Marta", "Carla", "Sandra", "Patrícia", "Cláudia", "Susana", "Paula", "Isabel", "Teresa",
    "Helena", "Fernanda", "Manuela", "Lúcia", "Rosa", "Filipa", "Andreia", "Daniela", "Diana",
    "Leonor", "Matilde", "Carolina", "Francisca", "Margarida", "Madalena", "Lara", "Alice",
    "Benedita", "Laura", "Eva", "Clara", "Raquel", "Vera", "Sónia", "Cristina", "Fátima", "Graça",
    "Irene", "Luísa", "Natália", "Olga", "Bárbara", "Bruna", "Débora", "Jéssica", "Mafalda",
    "Mónica", "Tânia", "Vanessa", "Adriana", "Constança",
];

pub(super) const PRT_FAMILY: &[&str] = &[
    "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Jesus",
    "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro",
    "Pinto", "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Soares", "Vieira",
    "Monteiro", "Cardoso", "Rocha", "Raposo", "Neves", "Coelho", "Cruz", "Cunha", "Pires", "Ramos",
    "Reis", "Simões", "Antunes", "Matos", "Fonseca", "Machado", "Araújo", "Barbosa", "Tavares",
    "Lourenço", "Castro", "Figueiredo", "Azevedo", "Freitas", "Henriques", "Baptista", "Guerreiro",
    "Magalhães", "Batista", "Campos", "Pinheiro", "Miranda", "Sá",
];

// ---------------------------------------------------------------------------------------
// Greece, Romania, Turkey
// ---------------------------------------------------------------------------------------

pub(super) const GRC_MALE: &[&str] = &[
    "Georgios", "Ioannis", "Konstantinos", "Dimitrios", "Nikolaos", "Panagiotis", "Vasileios",
    "Christos", "Athanasios", "Michail", "Evangelos", "Spyridon", "Antonios", "Anastasios",
    "Theodoros", "Andreas", "Charalampos", "Alexandros", "Emmanouil", "Ilias", "Stavros", "Petros",
    "Sotirios", "Pavlos", "Efstathios", "Stylianos", "Apostolos", "Thomas", "Grigorios", "Leonidas",
    "Kyriakos", "Nektarios", "Paraskevas", "Stefanos", "Eleftherios", "Fotios", "Gerasimos",
    "Alexios", "Angelos", "Aristeidis", "Chrysovalantis", "Dionysios", "Filippos", "Iraklis",
    "Kosmas", "Loukas", "Marios", "Miltiadis", "Nikitas", "Odysseas", "Orestis", "Periklis",
    "Prodromos", "Savvas", "Sokratis", "Timotheos", "Vyron", "Zisis",
];

pub(super) const GRC_FEMALE: &[&str] = &[
    "Maria", "Eleni", "Aikaterini", "Vasiliki", "Sofia", "Angeliki", "Georgia", "Dimitra",
    "Konstantina", "Paraskevi", "Anastasia", "Ioanna", "Evangelia", "Christina", "Panagiota",
    "Kyriaki", "Eirini", "Athina", "Despoina", "Foteini", "Chrysoula", "Alexandra", "Theodora",
    "Stavroula", "Magdalini", "Anna", "Antonia", "Marina", "Nikoletta", "Olga", "Kalliopi",
    "Efthymia", "Zoi", "Argyro", "Styliani", "Evgenia", "Asimina", "Dionysia", "Ourania",
    "Polyxeni", "Xanthippi", "Danai", "Elpida", "Fani", "Ifigeneia", "Lamprini", "Melina", "Myrto",
    "Niki", "Penelope", "Smaragda", "Theano", "Varvara", "Thaleia", "Artemis", "Afroditi",
    "Katerina", "Kleopatra",
];

pub(super) const GRC_FAMILY: &[&str] = &[
    "Papadopoulos", "Papadakis", "Georgiou", "Papageorgiou", "Oikonomou", "Dimitriou", "Nikolaou",
    "Ioannou", "Vasileiou", "Konstantinou", "Karagiannis", "Pappas", "Makris", "Papanikolaou",
    "Athanasiou", "Christodoulou", "Antoniou", "Georgiadis", "Papadimitriou", "Alexiou",
    "Panagiotopoulos", "Angelopoulos", "Nikolopoulos", "Dimopoulos", "Michailidis", "Theodorou",
    "Petropoulos", "Kostopoulos", "Vlachos", "Anagnostopoulos", "Karras", "Kouris", "Stavropoulos",
    "Triantafyllou", "Raptis", "Sideris", "Mavridis", "Lamprou", "Giannakopoulos", "Spanos",
    "Koutsoukos", "Chatzis", "Kyriakidis", "Apostolou", "Zacharias", "Tsoukalas", "Galanis",
    "Mitsotakis", "Kalogeropoulos", "Moschos", "Alexopoulos", "Manolis", "Antonopoulos",
    "Papazoglou", "Stamatopoulos", "Katsaros", "Doukas", "Rigas", "Kontos", "Liakos",
];

pub(super) const ROU_MALE: &[&str] = &[
    "Ion", "Gheorghe", "Vasile", "Constantin", "Nicolae", "Ioan", "Mihai", "Alexandru", "Andrei",
    "Dumitru", "Florin", "Marius", "Adrian", "Daniel", "Cristian", "Gabriel", "Bogdan", "Ionuț",
    "Ștefan", "Mircea", "Cătălin", "Sorin", "Lucian", "Valentin", "Răzvan", "Cosmin", "Radu", "Dan",
    "Ciprian", "Alin", "Vlad", "Victor", "Paul", "George", "Sebastian", "Robert", "Claudiu",
    "Liviu", "Ovidiu", "Petru", "Octavian", "Emil", "Traian", "Viorel", "Costel", "Dorin", "Eugen",
    "Laurențiu", "Silviu", "Tudor", "Horia", "Aurel", "Iulian", "Darius", "David", "Matei", "Rareș",
    "Teodor", "Marian", "Cornel",
];

pub(super) const ROU_FEMALE: &[&str] = &[
    "Maria", "Elena", "Ioana", "Ana", "Mihaela", "Andreea", "Gabriela", "Cristina", "Daniela",
    "Alexandra", "Nicoleta", "Mariana", "Georgiana", "Ramona", "Alina", "Simona", "Florentina",
    "Adriana", "Diana", "Roxana", "Laura", "Oana", "Raluca", "Monica", "Camelia", "Carmen",
    "Lavinia", "Irina", "Anca", "Bianca", "Corina", "Denisa", "Elisabeta", "Felicia", "Gheorghița",
    "Iuliana", "Larisa", "Loredana", "Luminița", "Magdalena", "Mădălina", "Natalia", "Paula",
    "Rodica", "Sorina", "Teodora", "Valentina", "Violeta", "Viorica", "Doina", "Ecaterina",
    "Angela", "Marcela", "Silvia", "Sofia", "Antonia", "Delia", "Claudia", "Emilia", "Ileana",
];

pub(super) const ROU_FAMILY: &[&str] = &[
    "Popa", "Popescu", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Ciobanu",
    "Ionescu", "Rusu", "Munteanu", "Constantin", "Mihai", "Marin", "Lazăr", "Florea", "Ilie",
    "Dinu", "Tudor", "Ion", "Georgescu", "Barbu", "Sandu", "Cristea", "Moldovan", "Nistor", "Toma",
    "Dobre", "Vasile", "Mocanu", "Diaconu", "Neagu", "Oprea", "Voicu", "Stanciu", "Preda", "Ene",
    "Anghel", "Coman", "Dragomir", "Stoian", "Nedelcu", "Manea", "Constantinescu", "Niculescu",
    "Dumitrescu", "Zamfir", "Lungu", "Bălan", "Roman", "Călin", "Iordache", "Grigore", "Ursu",
    "Sârbu", "Enache", "Petrescu", "Năstase",
];

pub(super) const TUR_MALE: &[&str] = &[
    "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf",
    "Murat", "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Recep", "Salih",
    "Fatih", "Kadir", "Emre", "Burak", "Serkan", "Hakan", "Kemal", "Orhan", "Cem", "Can", "Barış",
    "Tolga", "Volkan", "Onur", "Uğur", "Gökhan", "Erkan", "Sinan", "Tuncay", "Yasin", "Yunus",
    "Enes", "Furkan", "Eren", "Berk", "Kerem", "Alp", "Arda", "Efe", "Deniz", "Emir", "Oğuz",
    "Selim", "Serdar", "Tamer", "Umut", "Yavuz", "Zafer", "Ercan", "Levent", "Cengiz",
];

pub(super) const TUR_FEMALE: &[&str] = &[
    "Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan",
    "Hanife", "Merve", "Havva", "Zeliha", "Esra", "Fadime", "Özlem", "Hacer", "Yasemin", "Hülya",
    "Cemile", "Büşra", "Kübra", "Derya", "Dilek", "Ebru", "Gamze", "Gül", "Hande", "İrem", "Kader",
    "Leyla", "Melek", "Nur", "Pınar", "Rabia", "Sevgi", "Songül", "Tuğba", "Ümran", "Yeliz", "Aslı",
    "Beyza", "Ceren", "Damla", "Ecrin", "Eda", "Ela", "Gizem", "Nazlı", "Selin", "Sena", "Sibel",
    "Tuba", "Aylin", "Burcu", "Cansu", "Esma", "Feride", "Nesrin",
];

pub(super) const TUR_FAMILY: &[&str] = &[
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
    "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat",
    "Özcan", "Korkmaz", "Çakır", "Erdoğan", "Yavuz", "Can", "Acar", "Şen", "Aktaş", "Güler",
    "Yalçın", "Güneş", "Bozkurt", "Bulut", "Keskin", "Ünal", "Turan", "Gül", "Özer", "Işık",
    "Kaplan", "Avcı", "Sarı", "Tekin", "Taş", "Köse", "Yüksel", "Ateş", "Aksoy", "Yiğit", "Çiftçi",
    "Uçar", "Tunç", "Karaca", "Erdem", "Özgür", "Altun", "Akın", "Tuncer",
];
