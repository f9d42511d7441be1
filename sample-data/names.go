package sampledata

// Name lists for synthetic citizens: common surnames of the Bergamo area and
// of Italy, and names of the families who arrived from abroad. Any likeness
// to a real person is chance.
var surnamesIT = []string{
	"Bonomi", "Locatelli", "Rota", "Pesenti", "Carminati", "Mazzoleni", "Ghisleni", "Brembilla",
	"Gamba", "Cortinovis", "Bertoli", "Ravasio", "Testa", "Belotti", "Previtali", "Zanchi",
	"Colombo", "Ferrari", "Esposito", "Bianchi", "Romano", "Ricci", "Marino", "Greco",
	"Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
	"Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
	"Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale",
	"Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa",
	"Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini",
	"Messina", "Sala", "De Rosa", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina",
	"Rossi", "Cattaneo", "Dell'Orto", "Brignoli", "Facchinetti", "Agazzi", "Nicoli", "Suardi",
	"Vavassori", "Zambelli", "Milesi", "Gotti", "Pagnoncelli", "Crotti", "Signori", "Bolis",
}

var namesF = []string{
	"Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia",
	"Carmela", "Caterina", "Francesca", "Antonella", "Paola", "Laura", "Elena", "Chiara",
	"Sara", "Giulia", "Martina", "Alessia", "Federica", "Silvia", "Valentina", "Sofia",
	"Aurora", "Emma", "Beatrice", "Ginevra", "Alice", "Noemi", "Greta", "Matilde",
	"Lucrezia", "Irene", "Marta", "Elisa", "Daniela", "Cristina", "Roberta", "Luisa",
}

var namesM = []string{
	"Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo",
	"Pietro", "Salvatore", "Carlo", "Franco", "Domenico", "Bruno", "Paolo", "Michele",
	"Giorgio", "Aldo", "Sergio", "Luciano", "Marco", "Andrea", "Luca", "Alessandro",
	"Davide", "Matteo", "Stefano", "Simone", "Lorenzo", "Leonardo", "Tommaso", "Riccardo",
	"Gabriele", "Edoardo", "Nicolò", "Mattia", "Federico", "Filippo", "Samuele", "Emanuele",
}

// foreign are families of the main foreign communities in the province,
// with the cadastral code (Z…) of the country of birth.
var foreign = []struct {
	place    string
	surnames []string
	namesF   []string
	namesM   []string
}{
	{"Z330", []string{"El Amrani", "Benali", "Bouzid", "El Idrissi"}, []string{"Fatima", "Khadija", "Salma"}, []string{"Mohamed", "Youssef", "Hamza"}},
	{"Z129", []string{"Popescu", "Ionescu", "Stan", "Dumitru"}, []string{"Ioana", "Elena", "Andreea"}, []string{"Andrei", "Ionut", "Mihai"}},
	{"Z100", []string{"Hoxha", "Kola", "Shehu", "Gjoka"}, []string{"Elira", "Arjola", "Klea"}, []string{"Arben", "Ervin", "Klodian"}},
	{"Z343", []string{"Diop", "Ndiaye", "Fall", "Sow"}, []string{"Awa", "Fatou", "Aminata"}, []string{"Mamadou", "Cheikh", "Ousmane"}},
	{"Z236", []string{"Khan", "Ahmed", "Hussain", "Ali"}, []string{"Ayesha", "Sana", "Hina"}, []string{"Imran", "Bilal", "Usman"}},
	{"Z138", []string{"Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko"}, []string{"Olena", "Iryna", "Natalia"}, []string{"Oleksandr", "Dmytro", "Serhii"}},
}

// Italian birthplaces: most people of the Ambito were born at the hospitals
// of Bergamo (A794) or Seriate (I628); the rest elsewhere in Italy.
var placesIT = []struct {
	code   string
	weight float64
}{
	{"A794", 0.52}, // Bergamo
	{"I628", 0.30}, // Seriate
	{"F205", 0.06}, // Milano
	{"F839", 0.04}, // Napoli
	{"G273", 0.03}, // Palermo
	{"H501", 0.03}, // Roma
	{"L219", 0.02}, // Torino
}
